#!/usr/bin/env bash
# Starts Azurite on 127.0.0.1 (blob 10000, queue 10001, table 10002) with its data in .azurite/.
# Usage: scripts/azurite.sh [--in-memory]
set -euo pipefail
cd "$(dirname "$0")/.."
args=(--blobHost 127.0.0.1 --queueHost 127.0.0.1 --tableHost 127.0.0.1
      --blobPort "${AZURITE_BLOB_PORT:-10000}" --queuePort "${AZURITE_QUEUE_PORT:-10001}" --tablePort "${AZURITE_TABLE_PORT:-10002}"
      --disableTelemetry --loose
      # The worker's blob extension speaks the SDK's newest Blob service version, which this Azurite
      # does not know yet (the app's own clients pin an older one).
      --skipApiVersionCheck)
if [ "${1:-}" = "--in-memory" ]; then
  args+=(--inMemoryPersistence)
else
  mkdir -p .azurite
  args+=(--location .azurite --debug .azurite/debug.log)
fi
exec node_modules/.bin/azurite --silent "${args[@]}"

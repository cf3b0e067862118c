#!/usr/bin/env bash
# Runs ITA Serverless on one machine: Azurite plus the app's local Functions runtime
# on http://localhost:7071 (web form at /api/app/, API under /api).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh

azurite_pid=""
if ! (exec 3<>/dev/tcp/127.0.0.1/10002) 2>/dev/null; then
  mkdir -p .azurite
  scripts/azurite.sh > .azurite/azurite.log 2>&1 &
  azurite_pid=$!
  for _ in $(seq 1 50); do (exec 3<>/dev/tcp/127.0.0.1/10002) 2>/dev/null && break; sleep 0.2; done
  echo "run: Azurite started (data in .azurite/)"
else
  echo "run: using the Azurite already listening on 127.0.0.1:10002"
fi
trap '[ -n "$azurite_pid" ] && kill "$azurite_pid" 2>/dev/null || true' EXIT

export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}"
# The Functions host's storage setting, read by the app too (tables, blobs, timer status, receipts).
export AzureWebJobsStorage="${AzureWebJobsStorage:-UseDevelopmentStorage=true}"
# Reminders go to files here when no SMTP server is configured.
export Notifications__FileSink__Directory="${Notifications__FileSink__Directory:-$PWD/.azurite/outbox}"
dotnet run --project functions/ItaServerless.Functions -c Release --no-launch-profile -- --urls "http://localhost:7071"

#!/usr/bin/env bash
# azd preprovision hook: gives the environment an admin key once (ITA_ADMIN_KEY, read by
# infra/main.parameters.json) so every instance of the app shares the same key.
set -euo pipefail
if [ -z "$(azd env get-value ITA_ADMIN_KEY 2>/dev/null || true)" ]; then
  azd env set ITA_ADMIN_KEY "$(od -An -N32 -tx1 /dev/urandom | tr -d ' \n')" >/dev/null
  echo "preprovision: generated ITA_ADMIN_KEY; read it with: azd env get-value ITA_ADMIN_KEY"
fi

#!/usr/bin/env bash
# Runs ITA Serverless on one machine: Azurite, the local Functions host on http://localhost:7071
# and the app (the .NET isolated worker) behind it. Web form at /, API under /api.
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

# The admin key: the host's master key and the app's ITA_ADMIN_KEY, made once and kept in .azurite/.
mkdir -p .azurite
if [ -z "${ITA_ADMIN_KEY:-}" ]; then
  key_file=.azurite/admin-key
  [ -s "$key_file" ] || (umask 077; head -c 33 /dev/urandom | base64 | tr '+/' '-_' > "$key_file")
  ITA_ADMIN_KEY=$(cat "$key_file")
  echo "run: the admin key (x-functions-key) is in $key_file"
fi
export ITA_ADMIN_KEY
export AzureWebJobsStorage="${AzureWebJobsStorage:-UseDevelopmentStorage=true}"
# Reminders go to files here when no SMTP server is configured.
export Notifications__FileSink__Directory="${Notifications__FileSink__Directory:-$PWD/.azurite/outbox}"
export DOTNET_ENVIRONMENT="${DOTNET_ENVIRONMENT:-Development}"
# Development: organization webhooks may be plain http on this machine (in Azure: https to public addresses only).
export Notifications__Webhook__AllowLocalTargets="${Notifications__Webhook__AllowLocalTargets:-true}"

dotnet build functions/ItaServerless.Functions -c Release -nologo -v q
dotnet build functions/ItaServerless.FunctionsHost -c Release -nologo -v q
exec dotnet functions/ItaServerless.FunctionsHost/bin/Release/net10.0/ItaServerless.FunctionsHost.dll \
  --app functions/ItaServerless.Functions/bin/Release/net10.0 --port "${PORT:-7071}"

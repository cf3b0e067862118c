#!/usr/bin/env bash
# Measures cold start: process start to the first 200 on /api/health (which reads the heartbeat
# blob, so storage is on the path), 10 runs, against its own in-memory Azurite.
# Usage: scripts/cold-start.sh [command...]   default: the published app (run scripts/publish.sh first)
#   e.g. scripts/cold-start.sh dotnet /tmp/art/bin/ItaServerless.Functions/release/ItaServerless.Functions.dll
set -uo pipefail
cd "$(dirname "$0")/.."
[ $# -gt 0 ] || set -- artifacts/functionapp/ItaServerless.Functions
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
blob=$(free_port); app=$(free_port)
node_modules/.bin/azurite --silent --blobHost 127.0.0.1 --blobPort "$blob" --queuePort "$(free_port)" --tablePort "$(free_port)" \
  --inMemoryPersistence --disableTelemetry --loose > /dev/null 2>&1 &
azurite=$!
trap 'kill $azurite 2>/dev/null' EXIT
until (exec 3<>"/dev/tcp/127.0.0.1/$blob") 2>/dev/null; do sleep 0.1; done

export AzureWebJobsStorage="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;BlobEndpoint=http://127.0.0.1:$blob/devstoreaccount1;"
export ITA_ADMIN_KEY=cold-start Logging__LogLevel__Default=Warning
times=()
for _ in $(seq 1 10); do
  start=$(date +%s%N)
  "$@" --urls "http://127.0.0.1:$app" > /dev/null 2>&1 &
  pid=$!
  until [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$app/api/health")" = 200 ]; do sleep 0.002; done
  times+=($(( ($(date +%s%N) - start) / 1000000 )))
  kill "$pid"; wait "$pid" 2>/dev/null
done
sorted=($(printf '%s\n' "${times[@]}" | sort -n))
echo "cold start ms (sorted): ${sorted[*]}"
echo "median $(( (sorted[4] + sorted[5]) / 2 )) ms, best ${sorted[0]} ms, worst ${sorted[9]} ms; load average $(cut -d' ' -f1-3 /proc/loadavg)"

#!/usr/bin/env bash
# Measures cold start through the local Functions host: host process start to the first 200 on
# /api/health (served by the worker, which reads the heartbeat blob, so storage is on the path),
# 10 runs, against its own in-memory Azurite. Needs Release builds (scripts/run.sh or the tests make them).
# Usage: scripts/cold-start.sh [worker folder] [runs]
#   default worker folder: functions/ItaServerless.Functions/bin/Release/net10.0 (what scripts/run.sh runs);
#   scripts/publish.sh && scripts/cold-start.sh artifacts/functionapp   (the package Azure runs)
# COLD_START_LOG=file keeps the host's log of the last run (timestamped lines: where the time goes).
set -uo pipefail
cd "$(dirname "$0")/.."
worker=${1:-functions/ItaServerless.Functions/bin/Release/net10.0}
runs=${2:-10}
host=functions/ItaServerless.FunctionsHost/bin/Release/net10.0/ItaServerless.FunctionsHost.dll
for file in "$worker/worker.config.json" "$host"; do
  [ -f "$file" ] || { echo "cold-start: $file is missing; build Release first (dotnet build ItaServerless.sln -c Release)" >&2; exit 2; }
done
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
blob=$(free_port); queue=$(free_port); table=$(free_port); app=$(free_port)
AZURITE_BLOB_PORT=$blob AZURITE_QUEUE_PORT=$queue AZURITE_TABLE_PORT=$table scripts/azurite.sh --in-memory > /dev/null 2>&1 &
azurite=$!
trap 'kill $azurite 2>/dev/null' EXIT
until (exec 3<>"/dev/tcp/127.0.0.1/$table") 2>/dev/null; do sleep 0.1; done

key=devstoreaccount1:Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==
export AzureWebJobsStorage="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=${key#*:};BlobEndpoint=http://127.0.0.1:$blob/devstoreaccount1;QueueEndpoint=http://127.0.0.1:$queue/devstoreaccount1;TableEndpoint=http://127.0.0.1:$table/devstoreaccount1;"
export ITA_ADMIN_KEY=cold-start-admin-key-of-32-characters-or-more
log=$(mktemp); trap 'kill $azurite 2>/dev/null; rm -f "$log"' EXIT
# One start first (not counted): the first run after a build pays for the disk cache and Azurite's first containers.
times=()
for run in $(seq 0 "$runs"); do
  start=$(date +%s%N); echo "$(date +%H:%M:%S.%3N) cold-start: host process starting" > "$log"
  dotnet "$host" --app "$worker" --port "$app" >> "$log" 2>&1 &
  pid=$!
  until [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$app/api/health")" = 200 ]; do
    kill -0 "$pid" 2>/dev/null || { echo "cold-start: the host exited; its log:" >&2; cat "$log" >&2; exit 1; }
    sleep 0.002
  done
  elapsed=$(( ($(date +%s%N) - start) / 1000000 ))
  [ "$run" -gt 0 ] && times+=("$elapsed")
  kill "$pid"; wait "$pid" 2>/dev/null
  # The host ends its worker on exit; wait until it is gone so runs do not overlap.
  while pgrep -f -- "--functions-worker-id" > /dev/null; do sleep 0.05; done
done
[ -n "${COLD_START_LOG:-}" ] && cp "$log" "$COLD_START_LOG"
sorted=($(printf '%s\n' "${times[@]}" | sort -n))
n=${#sorted[@]}
median=$(( n % 2 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2 ))
echo "cold start ms (sorted): ${sorted[*]}"
echo "median $median ms, best ${sorted[0]} ms, worst ${sorted[n - 1]} ms; load average $(cut -d' ' -f1-3 /proc/loadavg)"

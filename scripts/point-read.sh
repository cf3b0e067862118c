#!/usr/bin/env bash
# Point-read throughput: GET one measure with an editor token, 16 connections (wrk, 2 threads),
# against its own in-memory Azurite. A benchmark, not a test; run it on a quiet machine.
# Usage: scripts/point-read.sh [seconds]                 the local host + worker (Release builds)
#        scripts/point-read.sh [seconds] <app.dll>         an older custom-handler build, run as `dotnet <app.dll> --urls`
#   e.g. git worktree add /tmp/old 661bdf2 && dotnet build /tmp/old/functions/ItaServerless.Functions -c Release \
#          && scripts/point-read.sh 30 /tmp/old/functions/ItaServerless.Functions/bin/Release/net10.0/ItaServerless.Functions.dll
set -uo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-30}
old=${2:-}
command -v wrk > /dev/null || { echo "point-read: needs wrk (apt-get install wrk)" >&2; exit 2; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
blob=$(free_port); queue=$(free_port); table=$(free_port); port=$(free_port)
AZURITE_BLOB_PORT=$blob AZURITE_QUEUE_PORT=$queue AZURITE_TABLE_PORT=$table scripts/azurite.sh --in-memory > /dev/null 2>&1 &
pids=($!)
trap 'kill "${pids[@]}" 2>/dev/null; pkill -f -- "--functions-worker-id" 2>/dev/null' EXIT
until (exec 3<>"/dev/tcp/127.0.0.1/$table") 2>/dev/null; do sleep 0.1; done

key=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==
export AzureWebJobsStorage="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=$key;BlobEndpoint=http://127.0.0.1:$blob/devstoreaccount1;QueueEndpoint=http://127.0.0.1:$queue/devstoreaccount1;TableEndpoint=http://127.0.0.1:$table/devstoreaccount1;"
export ITA_ADMIN_KEY=point-read-admin-key-of-32-characters-or-more Logging__LogLevel__Default=Warning
if [ -n "$old" ]; then
  dotnet "$old" --urls "http://127.0.0.1:$port" > /tmp/point-read-app.log 2>&1 &
else
  dotnet functions/ItaServerless.FunctionsHost/bin/Release/net10.0/ItaServerless.FunctionsHost.dll \
    --app functions/ItaServerless.Functions/bin/Release/net10.0 --port "$port" > /tmp/point-read-app.log 2>&1 &
fi
pids+=($!)
base=http://127.0.0.1:$port
until [ "$(curl -s -o /dev/null -w '%{http_code}' "$base/api/health")" = 200 ]; do sleep 0.1; done

org=$(curl -sf -X POST "$base/api/orgs" -H "x-functions-key: $ITA_ADMIN_KEY" -H 'Content-Type: application/json' \
  -d '{"id":"na-kham","name":"เทศบาลตำบลนาคำ","kind":"เทศบาลตำบล","province":"นครพนม"}') || { echo "point-read: creating the organization failed" >&2; exit 1; }
token=$(python3 -c 'import json,sys; print(json.load(sys.stdin)["editorToken"])' <<<"$org")
location=$(curl -sf -o /dev/null -D - -X POST "$base/api/orgs/na-kham/years/2569/measures" -H "Authorization: Bearer $token" \
  -H 'Content-Type: application/json' \
  -d '{"plan":"ita","title":"การเผยแพร่ข้อมูลข่าวสาร","indicators":[9],"responsible":["*"],"period":{"from":"2568-10","to":"2569-03"}}' \
  | sed -n 's/^[Ll]ocation: *\([^\r]*\).*/\1/p')
[ -n "$location" ] || { echo "point-read: creating the measure failed" >&2; exit 1; }
case "$location" in http*) url=$location ;; *) url=$base$location ;; esac
[ "$(curl -s -o /dev/null -w '%{http_code}' "$url" -H "Authorization: Bearer $token")" = 200 ] || { echo "point-read: GET $url is not 200" >&2; exit 1; }

echo "point-read: GET $url, $( [ -n "$old" ] && echo "$old" || echo "local host + worker"); load average $(cut -d' ' -f1-3 /proc/loadavg)"
wrk -t2 -c16 -d5s -H "Authorization: Bearer $token" "$url" > /dev/null   # warm-up: JIT, connections, Azurite
wrk -t2 -c16 -d"${seconds}s" --latency -H "Authorization: Bearer $token" "$url" | grep -E 'Requests/sec|Non-2xx|Socket errors|^ +(50|90|99)%'
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"

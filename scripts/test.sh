#!/usr/bin/env bash
# Runs every test: unit tests, integration tests against Azurite (each run starts its own),
# browser tests in headless Chromium and PDF checks. Prints "N passed, N failed" last.
set -uo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh || exit 1

results=TestResults
rm -rf "$results"
dotnet build ItaServerless.sln -c Release --no-restore -nologo -v q || { echo "0 passed, 1 failed"; exit 1; }
dotnet test ItaServerless.sln -c Release --no-build --nologo \
  --logger "trx" --logger "console;verbosity=normal" --results-directory "$results" "$@"
status=$?

passed=0; failed=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters"); f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))
done
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi  # a crash or a build break counts
echo "$passed passed, $failed failed"
exit "$status"

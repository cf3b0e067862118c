#!/usr/bin/env bash
# Publishes the Functions app the way Azure runs it (custom handler on Linux):
#   artifacts/functionapp/      self-contained linux-x64 app + host.json + one folder per function
#   artifacts/functionapp.zip   the same folder zipped, for zip deploy / run-from-package
# host.json's customHandler.description.defaultExecutablePath names the executable at its root.
set -euo pipefail
cd "$(dirname "$0")/.."

out=artifacts/functionapp
rm -rf "$out" artifacts/functionapp.zip
mkdir -p artifacts
dotnet publish functions/ItaServerless.Functions -c Release -r linux-x64 --self-contained true \
  -p:PublishReadyToRun=true --artifacts-path artifacts/build -o "$out" -nologo -v q

# The host reads host.json and */function.json at the root of the app.
exe=$(sed -n 's/.*"defaultExecutablePath": *"\([^"]*\)".*/\1/p' "$out/host.json")
[ -x "$out/$exe" ] || { echo "publish: $out/$exe (defaultExecutablePath) is missing or not executable" >&2; exit 1; }
ls "$out"/*/function.json > /dev/null

(cd "$out" && rm -f ../functionapp.zip && zip -q -r -X ../functionapp.zip .)
echo "publish: $out/ and artifacts/functionapp.zip ($(du -h artifacts/functionapp.zip | cut -f1))"

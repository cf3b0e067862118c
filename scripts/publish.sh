#!/usr/bin/env bash
# Publishes the Functions app the way Flex Consumption runs it (.NET isolated worker, dotnet-isolated 10.0):
#   artifacts/functionapp/      framework-dependent `dotnet publish -c Release` of functions/ItaServerless.Functions:
#                               the worker, host.json, functions.metadata, worker.config.json, extensions.json
#                               and .azurefunctions/ (the host-side extensions)
#   artifacts/functionapp.zip   the same folder zipped, for zip deploy (scripts/deploy.sh)
# The platform supplies the .NET runtime (functionAppConfig.runtime), so the package is not
# self-contained; the project publishes it ReadyToRun for linux-x64 (what Flex Consumption runs), which
# starts faster. `azd deploy` runs its own `dotnet publish` of the same project (azure.yaml) and does
# not use this script.
set -euo pipefail
cd "$(dirname "$0")/.."

out=artifacts/functionapp
rm -rf "$out" artifacts/functionapp.zip
mkdir -p artifacts
dotnet publish functions/ItaServerless.Functions -c Release --artifacts-path artifacts/build -o "$out" -nologo -v q

# What the Functions host reads at the root of the package of an isolated worker.
for file in host.json worker.config.json functions.metadata extensions.json; do
  [ -f "$out/$file" ] || { echo "publish: $out/$file is missing: is functions/ItaServerless.Functions a .NET isolated worker project (Microsoft.Azure.Functions.Worker.Sdk)?" >&2; exit 1; }
done
if grep -q '"customHandler"' "$out/host.json"; then
  echo "publish: $out/host.json still declares a customHandler; the Flex app runs the isolated worker (dotnet-isolated)" >&2; exit 1
fi
# Flex Consumption fires blob triggers only through Event Grid (Source = BlobTriggerSource.EventGrid).
if grep -q '"blobTrigger"' "$out/functions.metadata" && ! grep -Eq '"source": *"EventGrid"' "$out/functions.metadata"; then
  echo "publish: a blob trigger in $out/functions.metadata is not Source = EventGrid, which Flex Consumption needs" >&2; exit 1
fi

# -r . takes the dot folders too (.azurefunctions).
(cd "$out" && zip -q -r -X ../functionapp.zip .)
echo "publish: $out/ and artifacts/functionapp.zip ($(du -h artifacts/functionapp.zip | cut -f1))"

#!/usr/bin/env bash
# Deploys ITA Serverless to Azure with the Azure CLI (the azd-free path; `azd up` does the same
# through azure.yaml). Needs `az login` and a subscription; Bicep is compiled by the Azure CLI.
#
#   scripts/deploy.sh ENV_NAME LOCATION    publish, provision infra/main.bicep, zip-deploy, Event Grid, smoke-test
#   scripts/deploy.sh ENV_NAME LOCATION --what-if   show what provisioning would change, deploy nothing
#
# Settings from the environment: ITA_ADMIN_KEY (generated once into .azure/ENV_NAME/admin-key when unset; keep it),
# ITA_SOURCE_URL (optional), AZURE_SUBSCRIPTION_ID (optional, else the CLI's default).
set -euo pipefail
cd "$(dirname "$0")/.."

usage() { sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
[ $# -ge 2 ] || usage
env_name=$1 location=$2 mode=${3:-deploy}
case "$mode" in deploy|--what-if) ;; *) usage ;; esac

command -v az >/dev/null || { echo "deploy: the Azure CLI (az) is required" >&2; exit 1; }
az account show >/dev/null 2>&1 || { echo "deploy: run 'az login' first" >&2; exit 1; }
[ -n "${AZURE_SUBSCRIPTION_ID:-}" ] && az account set --subscription "$AZURE_SUBSCRIPTION_ID"

if [ -z "${ITA_ADMIN_KEY:-}" ]; then
  if [ "$mode" = deploy ]; then
    ITA_ADMIN_KEY=$(od -An -N32 -tx1 /dev/urandom | tr -d ' \n')
    # Never printed (CI logs keep what scripts print): kept in a file only its owner reads.
    key_file=".azure/$env_name/admin-key"
    mkdir -p "$(dirname "$key_file")" && (umask 077; printf '%s\n' "$ITA_ADMIN_KEY" > "$key_file")
    echo "deploy: generated ITA_ADMIN_KEY into $key_file (keep it; pass it again as ITA_ADMIN_KEY on the next deploy)" >&2
  else
    ITA_ADMIN_KEY=$(printf 'x%.0s' $(seq 32))  # what-if never stores it
  fi
fi

deployment="ita-${env_name}"
params=(environmentName="$env_name" location="$location" adminKey="$ITA_ADMIN_KEY" sourceUrl="${ITA_SOURCE_URL:-}")
principal=$(az ad signed-in-user show --query id -o tsv 2>/dev/null || true)
[ -n "$principal" ] && params+=(principalId="$principal")

if [ "$mode" = --what-if ]; then
  az deployment sub what-if --name "$deployment" --location "$location" \
    --template-file infra/main.bicep --parameters "${params[@]}"
  echo "deploy: infra/events.bicep (the Event Grid subscription) is deployed after the code and is not part of this what-if" >&2
  exit 0
fi

# 1. The package first: a broken build must not leave a half-updated app behind.
scripts/publish.sh

# 2. Infrastructure (idempotent): the Flex Consumption app, its identity and roles, storage, the
#    Event Grid system topic, monitoring.
echo "deploy: provisioning $deployment in $location"
az deployment sub create --name "$deployment" --location "$location" \
  --template-file infra/main.bicep --parameters "${params[@]}" --output none
output() { az deployment sub show --name "$deployment" --query "properties.outputs.$1.value" -o tsv; }
rg=$(output AZURE_RESOURCE_GROUP); app=$(output AZURE_FUNCTION_APP_NAME); uri=$(output SERVICE_API_URI)
topic=$(output AZURE_EVENTGRID_SYSTEM_TOPIC_NAME)

# 3. Code: the zip that scripts/publish.sh built, uploaded with Entra ID (publish profiles are off);
#    Flex Consumption stores it in the app's deployment container with the app's identity. Fresh role
#    assignments can take a few minutes to apply, hence the tries.
echo "deploy: uploading artifacts/functionapp.zip to $app"
for attempt in 1 2 3 4; do
  az functionapp deployment source config-zip --resource-group "$rg" --name "$app" \
    --src artifacts/functionapp.zip --output none && break
  [ "$attempt" -lt 4 ] || { echo "deploy: zip deploy to $app failed 4 times" >&2; exit 1; }
  echo "deploy: zip deploy failed (try $attempt of 4); retrying in 30 s" >&2
  sleep 30
done

# 4. The Event Grid subscription of RenderReport (infra/events.bicep), which needs the running code.
AZURE_RESOURCE_GROUP="$rg" AZURE_FUNCTION_APP_NAME="$app" AZURE_EVENTGRID_SYSTEM_TOPIC_NAME="$topic" \
  infra/hooks/postdeploy.sh

# 5. Smoke test: the app answers under the Functions host and reads storage with its identity
#    (role assignments can take a few minutes to reach the host).
for _ in $(seq 1 30); do
  body=$(curl -fsS --max-time 20 "$uri/api/health" 2>/dev/null || true)
  if [ -n "$body" ] && [[ "$body" != *storage-unavailable* && "$body" != *'"mode":"local-runtime"'* ]]; then
    echo "deploy: $uri is up: $body"; exit 0
  fi
  sleep 10
done
echo "deploy: $uri/api/health did not answer with readable storage within 5 minutes (last: ${body:-no answer});" \
  "see Application Insights or the role assignments on the storage account" >&2
exit 1

#!/usr/bin/env bash
# Step 2 of the deployment, once the code runs: the Event Grid subscription that fires RenderReport
# (infra/events.bicep). Event Grid validates the webhook when the subscription is created, and the
# host creates the blobs_extension system key only once it has loaded the blob extension, so this
# waits for that key, then deploys the subscription. Idempotent: every deploy runs it again.
#
# Runs as the azd postdeploy hook (azure.yaml) and as step 4 of scripts/deploy.sh. Reads
# AZURE_RESOURCE_GROUP, AZURE_FUNCTION_APP_NAME, AZURE_EVENTGRID_SYSTEM_TOPIC_NAME (main.bicep
# outputs, which azd passes to its hooks) and AZURE_SUBSCRIPTION_ID (optional). Needs the Azure CLI,
# signed in (az login) to the same tenant as azd.
set -euo pipefail
cd "$(dirname "$0")/../.."

: "${AZURE_RESOURCE_GROUP:?postdeploy: AZURE_RESOURCE_GROUP is not set (run azd provision first)}"
: "${AZURE_FUNCTION_APP_NAME:?postdeploy: AZURE_FUNCTION_APP_NAME is not set (run azd provision first)}"
: "${AZURE_EVENTGRID_SYSTEM_TOPIC_NAME:?postdeploy: AZURE_EVENTGRID_SYSTEM_TOPIC_NAME is not set (run azd provision first)}"
command -v az >/dev/null || { echo "postdeploy: the Azure CLI (az) is required to create the Event Grid subscription of RenderReport" >&2; exit 1; }
az account show >/dev/null 2>&1 || { echo "postdeploy: run 'az login' first (the Event Grid subscription of RenderReport is not created yet)" >&2; exit 1; }
# az in azd's subscription when azd names one, else in the CLI's default.
azs() { if [ -n "${AZURE_SUBSCRIPTION_ID:-}" ]; then az "$@" --subscription "$AZURE_SUBSCRIPTION_ID"; else az "$@"; fi; }

rg=$AZURE_RESOURCE_GROUP app=$AZURE_FUNCTION_APP_NAME topic=$AZURE_EVENTGRID_SYSTEM_TOPIC_NAME
host=$(azs functionapp show -g "$rg" -n "$app" --query defaultHostName -o tsv)

# The key appears once a host instance has started with the new package; a request starts one.
echo "postdeploy: waiting for the blobs_extension key of $app"
key=""
for _ in $(seq 1 30); do
  curl -s -o /dev/null --max-time 30 "https://$host/api/health" || true
  key=$(azs functionapp keys list -g "$rg" -n "$app" --query systemKeys.blobs_extension -o tsv 2>/dev/null || true)
  [ -n "$key" ] && break
  sleep 10
done
if [ -z "$key" ]; then
  echo "postdeploy: $app has no blobs_extension system key after 5 minutes: is RenderReport deployed as a blob trigger with Source = BlobTriggerSource.EventGrid?" >&2
  exit 1
fi
unset key  # the template reads it itself (listKeys), so it never appears on a command line

# Event Grid's validation request can meet a cold instance: a few tries.
for attempt in 1 2 3; do
  if azs deployment group create -g "$rg" --name "ita-events-$app" \
      --template-file infra/events.bicep \
      --parameters functionAppName="$app" systemTopicName="$topic" --output none; then
    echo "postdeploy: Event Grid delivers BlobCreated events of report-requests/ to RenderReport"
    exit 0
  fi
  echo "postdeploy: creating the Event Grid subscription failed (try $attempt of 3)" >&2
  sleep 20
done
exit 1

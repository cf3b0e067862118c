// SPDX-License-Identifier: MIT
// Step 2 of the deployment, after the code: the Event Grid subscription that fires the blob trigger
// RenderReport ([BlobTrigger("report-requests/{name}", Source = BlobTriggerSource.EventGrid)]).
// It delivers the storage account's BlobCreated events under report-requests/ to the blobs
// extension's webhook of the Function App. Event Grid validates that webhook when the subscription
// is created, and the blobs_extension system key only exists once the host has loaded the blob
// extension, so this runs after the code is deployed and the key is there:
//   azd:       infra/hooks/postdeploy.sh (azure.yaml postdeploy hook)
//   Azure CLI: scripts/deploy.sh, step 4
// Deploy it by hand with:
//   az deployment group create -g <rg> --template-file infra/events.bicep \
//     --parameters functionAppName=<app> systemTopicName=<topic>
targetScope = 'resourceGroup'

@description('Name of the Function App (main.bicep output AZURE_FUNCTION_APP_NAME).')
param functionAppName string

@description('Event Grid system topic of the storage account (main.bicep output AZURE_EVENTGRID_SYSTEM_TOPIC_NAME).')
param systemTopicName string

// Fixed by the app's code: the function's name and the container of its blob trigger path.
var functionName = 'RenderReport'
var containerName = 'report-requests'

resource site 'Microsoft.Web/sites@2024-11-01' existing = {
  name: functionAppName
}

resource systemTopic 'Microsoft.EventGrid/systemTopics@2025-02-15' existing = {
  name: systemTopicName
}

// The host's system key for the blob extension's webhook (az functionapp keys list: systemKeys).
// The host keys have no Bicep type, hence the list function on the resource id of sites/host/default.
var blobsExtensionKey = listKeys('${site.id}/host/default', '2023-12-01').systemKeys.blobs_extension

resource renderReportEvents 'Microsoft.EventGrid/systemTopics/eventSubscriptions@2025-02-15' = {
  parent: systemTopic
  name: toLower(functionName)
  properties: {
    destination: {
      endpointType: 'WebHook'
      properties: {
        endpointUrl: 'https://${site.properties.defaultHostName}/runtime/webhooks/blobs?functionName=Host.Functions.${functionName}&code=${blobsExtensionKey}'
      }
    }
    eventDeliverySchema: 'EventGridSchema'
    filter: {
      includedEventTypes: [
        'Microsoft.Storage.BlobCreated'
      ]
      subjectBeginsWith: '/blobServices/default/containers/${containerName}/'
    }
    retryPolicy: {
      maxDeliveryAttempts: 30
      eventTimeToLiveInMinutes: 1440
    }
  }
}

output subscriptionName string = renderReportEvents.name

// SPDX-License-Identifier: MIT
// ITA Serverless on Azure, in the Azure Developer CLI template layout (`azd up`, or scripts/deploy.sh).
//
// Plan: Flex Consumption (FC1), the plan Microsoft recommends for new serverless apps, running the
// .NET isolated worker (dotnet-isolated 10.0). It scales to zero and out by itself, fires timers, and
// fires the blob trigger RenderReport through Event Grid (Source = EventGrid: Flex has no polling
// blob trigger). Storage is identity-only: the account refuses shared keys, and the app, the host and
// the platform (fetching the deployment package from a blob container) sign in with the app's
// user-assigned identity. No content share, no connection string, no key in any setting.
//
// Two steps, because the Event Grid subscription validates its webhook against the running app:
// 1. this template: resources, roles, the storage account's Event Grid system topic;
// 2. after the code is deployed: infra/events.bicep, the subscription delivering BlobCreated events
//    under report-requests/ to the blob extension's webhook (infra/hooks/postdeploy.sh under azd,
//    step 4 of scripts/deploy.sh).
targetScope = 'subscription'

@minLength(1)
@maxLength(64)
@description('Name of the environment (azd env name); it seeds the names of all resources.')
param environmentName string

@minLength(1)
@description('Region of every resource, e.g. southeastasia; it must offer Flex Consumption (az functionapp list-flexconsumption-locations).')
@metadata({ azd: { type: 'location' } })
param location string

@description('Resource group name; rg-<environmentName> when empty.')
param resourceGroupName string = ''

@description('Object id of the deploying user, given read/write access to the app data for support work; none when empty.')
param principalId string = ''

@secure()
@minLength(32)
@description('Key of the admin route (header x-functions-key), app setting ITA_ADMIN_KEY. At least 32 characters.')
param adminKey string

@description('Where GET /api/source redirects (app setting ITA_SOURCE_URL); the app\'s built-in address when empty.')
param sourceUrl string = ''

@minValue(1)
@maxValue(1000)
@description('Most instances the Flex Consumption app scales out to.')
param maximumInstanceCount int = 100

@allowed([512, 2048, 4096])
@description('Memory of each instance (MB); the PDF rendering wants 2048.')
param instanceMemoryMB int = 2048

var abbrs = loadJsonContent('abbreviations.json')
var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = { 'azd-env-name': environmentName }
var functionAppName = '${abbrs.webSitesFunctions}ita-${resourceToken}'

resource rg 'Microsoft.Resources/resourceGroups@2021-04-01' = {
  name: !empty(resourceGroupName) ? resourceGroupName : '${abbrs.resourcesResourceGroups}${environmentName}'
  location: location
  tags: tags
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  scope: rg
  params: {
    location: location
    tags: tags
    logAnalyticsName: '${abbrs.operationalInsightsWorkspaces}${resourceToken}'
    applicationInsightsName: '${abbrs.insightsComponents}${resourceToken}'
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  scope: rg
  params: {
    location: location
    tags: tags
    name: '${abbrs.storageStorageAccounts}${resourceToken}'
    deploymentContainerName: 'app-package'
    reportRequestsContainerName: 'report-requests'
    systemTopicName: '${abbrs.eventGridSystemTopics}st${resourceToken}'
  }
}

module identity 'modules/identity.bicep' = {
  name: 'identity'
  scope: rg
  params: {
    location: location
    tags: tags
    name: '${abbrs.managedIdentityUserAssignedIdentities}ita-${resourceToken}'
  }
}

module rbac 'modules/rbac.bicep' = {
  name: 'rbac'
  scope: rg
  params: {
    storageAccountName: storage.outputs.name
    applicationInsightsName: monitoring.outputs.applicationInsightsName
    identityPrincipalId: identity.outputs.principalId
    userPrincipalId: principalId
  }
}

module app 'modules/functionapp.bicep' = {
  name: 'functionapp'
  scope: rg
  params: {
    location: location
    tags: tags
    name: functionAppName
    planName: '${abbrs.webServerFarms}${resourceToken}'
    storageAccountName: storage.outputs.name
    applicationInsightsName: monitoring.outputs.applicationInsightsName
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    blobEndpoint: storage.outputs.blobEndpoint
    deploymentContainerName: storage.outputs.deploymentContainerName
    adminKey: adminKey
    sourceUrl: sourceUrl
    maximumInstanceCount: maximumInstanceCount
    instanceMemoryMB: instanceMemoryMB
  }
  // The host's first start (and the first package fetch) already needs the identity's storage roles.
  dependsOn: [
    rbac
  ]
}

output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = rg.name
output AZURE_FUNCTION_APP_NAME string = app.outputs.name
output SERVICE_API_NAME string = app.outputs.name
output SERVICE_API_URI string = app.outputs.uri
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name
output AZURE_EVENTGRID_SYSTEM_TOPIC_NAME string = storage.outputs.systemTopicName
output APPLICATIONINSIGHTS_CONNECTION_STRING string = monitoring.outputs.connectionString

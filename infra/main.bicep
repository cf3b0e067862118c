// SPDX-License-Identifier: MIT
// ITA Serverless on Azure, in the Azure Developer CLI template layout (`azd up`, or scripts/deploy.sh).
//
// Plan: a Linux App Service (Dedicated) plan, B1 by default. It runs custom handlers
// (FUNCTIONS_WORKER_RUNTIME=custom), keeps the package on the plan's own storage (zip deploy with
// WEBSITE_RUN_FROM_PACKAGE=1), so no Azure Files content share is needed, and with Always On it runs
// timers and the polling blob trigger (RenderReport). Not chosen:
// - Flex Consumption (FC1): runs custom handlers and identity-only storage, but supports only the
//   Event Grid blob trigger, not the polling one that RenderReport declares;
// - Elastic Premium / Windows Consumption: need the content share, whose setting
//   WEBSITE_CONTENTAZUREFILECONNECTIONSTRING carries an account key, so the account could not refuse
//   shared keys; Linux Consumption is being retired (2028).
// Trade-off: a fixed monthly cost and no scale to zero; scale up (planSku) or out by hand.
targetScope = 'subscription'

@minLength(1)
@maxLength(64)
@description('Name of the environment (azd env name); it seeds the names of all resources.')
param environmentName string

@minLength(1)
@description('Region of every resource, e.g. southeastasia.')
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

@allowed(['B1', 'B2', 'B3', 'P0v3', 'P1v3'])
@description('App Service plan size (Linux).')
param planSku string = 'B1'

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
    adminKey: adminKey
    sourceUrl: sourceUrl
    planSku: planSku
  }
}

module rbac 'modules/rbac.bicep' = {
  name: 'rbac'
  scope: rg
  params: {
    storageAccountName: storage.outputs.name
    applicationInsightsName: monitoring.outputs.applicationInsightsName
    appPrincipalId: app.outputs.principalId
    userPrincipalId: principalId
  }
}

output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = rg.name
output AZURE_FUNCTION_APP_NAME string = app.outputs.name
output SERVICE_API_NAME string = app.outputs.name
output SERVICE_API_URI string = app.outputs.uri
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name
output APPLICATIONINSIGHTS_CONNECTION_STRING string = monitoring.outputs.connectionString

// SPDX-License-Identifier: MIT
// The Linux App Service (Dedicated) plan and the Function App running the custom handler
// (host.json customHandler: the self-contained ItaServerless.Functions executable).
param location string
param tags object
param name string
param planName string
param storageAccountName string
param applicationInsightsName string

@secure()
param adminKey string

param sourceUrl string = ''

@allowed(['B1', 'B2', 'B3', 'P0v3', 'P1v3'])
param planSku string = 'B1'

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: storageAccountName
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'linux'
  sku: {
    name: planSku
  }
  properties: {
    reserved: true // Linux
  }
}

resource site 'Microsoft.Web/sites@2024-04-01' = {
  name: name
  location: location
  tags: union(tags, { 'azd-service-name': 'api' })
  kind: 'functionapp,linux'
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    siteConfig: {
      // Timers and the polling blob trigger (RenderReport) need the host running between requests.
      alwaysOn: true
      linuxFxVersion: '' // custom handler: the host's default Linux image runs our executable
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
    }
  }
}

// Deployments sign in with Entra ID (azd, az functionapp deployment); no publish-profile passwords.
resource ftpCredentials 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: site
  name: 'ftp'
  properties: {
    allow: false
  }
}

resource scmCredentials 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: site
  name: 'scm'
  properties: {
    allow: false
  }
}

// Identity-based host storage: the host and the app (StorageAccount.FromSettings) both read
// AzureWebJobsStorage__accountName with the system-assigned identity; no connection string, no key.
var appSettings = {
  FUNCTIONS_EXTENSION_VERSION: '~4'
  FUNCTIONS_WORKER_RUNTIME: 'custom'
  // Zip deploy keeps the package on the plan's own storage and mounts it read-only: no content share.
  WEBSITE_RUN_FROM_PACKAGE: '1'
  AzureWebJobsStorage__accountName: storage.name
  AzureWebJobsStorage__credential: 'managedidentity'
  APPLICATIONINSIGHTS_CONNECTION_STRING: applicationInsights.properties.ConnectionString
  APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'Authorization=AAD'
  ITA_ADMIN_KEY: adminKey
  Notifications__PublicBaseUrl: 'https://${site.properties.defaultHostName}'
}

resource siteSettings 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: site
  name: 'appsettings'
  properties: union(appSettings, empty(sourceUrl) ? {} : { ITA_SOURCE_URL: sourceUrl })
}

output name string = site.name
output uri string = 'https://${site.properties.defaultHostName}'
output principalId string = site.identity.principalId

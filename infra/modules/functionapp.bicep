// SPDX-License-Identifier: MIT
// The Flex Consumption (FC1) plan and the Function App running the .NET isolated worker
// (dotnet-isolated 10.0). On Flex the runtime, the deployment package and scaling live in
// functionAppConfig, not in app settings: no FUNCTIONS_WORKER_RUNTIME, FUNCTIONS_EXTENSION_VERSION,
// WEBSITE_RUN_FROM_PACKAGE or content share. The package is a blob in a container of the app's own
// storage account, read with the user-assigned identity.
param location string
param tags object
param name string
param planName string
param storageAccountName string
param applicationInsightsName string

@description('Resource id of the user-assigned identity the app runs with.')
param identityId string

@description('Client id of that identity (AzureWebJobsStorage__clientId, Application Insights).')
param identityClientId string

@description('Primary blob endpoint of the storage account, https://<account>.blob.<suffix>/.')
param blobEndpoint string

@description('Blob container of that account that holds the deployed package.')
param deploymentContainerName string

@secure()
param adminKey string

param sourceUrl string = ''

@minValue(1)
@maxValue(1000)
@description('Most instances the app scales out to.')
param maximumInstanceCount int = 100

@allowed([512, 2048, 4096])
@description('Memory of each instance (MB).')
param instanceMemoryMB int = 2048

resource storage 'Microsoft.Storage/storageAccounts@2024-01-01' existing = {
  name: storageAccountName
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

resource plan 'Microsoft.Web/serverfarms@2024-11-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    reserved: true // Linux
  }
}

resource site 'Microsoft.Web/sites@2024-11-01' = {
  name: name
  location: location
  tags: union(tags, { 'azd-service-name': 'api' })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${blobEndpoint}${deploymentContainerName}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
      }
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
  }
}

// Deployments sign in with Entra ID (azd, az functionapp deployment); no publish-profile passwords.
resource ftpCredentials 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-11-01' = {
  parent: site
  name: 'ftp'
  properties: {
    allow: false
  }
}

resource scmCredentials 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-11-01' = {
  parent: site
  name: 'scm'
  properties: {
    allow: false
  }
}

// Identity-based host storage: the host and the app (StorageAccount.FromSettings) both read
// AzureWebJobsStorage__accountName with the user-assigned identity (__clientId); no connection
// string, no key. The host's blob trigger extension keeps its state in queues of the same account.
var appSettings = {
  AzureWebJobsStorage__accountName: storage.name
  AzureWebJobsStorage__credential: 'managedidentity'
  AzureWebJobsStorage__clientId: identityClientId
  APPLICATIONINSIGHTS_CONNECTION_STRING: applicationInsights.properties.ConnectionString
  // Application Insights refuses local (key) auth: telemetry is sent with the identity.
  APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identityClientId};Authorization=AAD'
  ITA_ADMIN_KEY: adminKey
  Notifications__PublicBaseUrl: 'https://${site.properties.defaultHostName}'
}

resource siteSettings 'Microsoft.Web/sites/config@2024-11-01' = {
  parent: site
  name: 'appsettings'
  properties: union(appSettings, empty(sourceUrl) ? {} : { ITA_SOURCE_URL: sourceUrl })
}

output name string = site.name
output uri string = 'https://${site.properties.defaultHostName}'

// SPDX-License-Identifier: MIT
// The one storage account: the Functions host's own state (AzureWebJobsStorage) and the app's
// tables and blobs. Shared keys are refused, so every caller
// (host, app, deployment) signs in with Entra ID.
param location string
param tags object

@minLength(3)
@maxLength(24)
param name string

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    accessTier: 'Hot'
    allowSharedKeyAccess: false
    allowBlobPublicAccess: false
    allowCrossTenantReplication: false
    defaultToOAuthAuthentication: true
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    publicNetworkAccess: 'Enabled'
    dnsEndpointType: 'Standard'
    networkAcls: {
      bypass: 'AzureServices'
      defaultAction: 'Allow'
    }
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: storage
  name: 'default'
  properties: {
    // Deleted report PDFs and exports stay recoverable for a week.
    deleteRetentionPolicy: {
      enabled: true
      days: 7
    }
  }
}

output name string = storage.name
output id string = storage.id

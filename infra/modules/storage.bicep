// SPDX-License-Identifier: MIT
// The one storage account: the Functions host's own state (AzureWebJobsStorage), the app's tables
// and blobs, and the Flex Consumption deployment container. Shared keys are refused, so every caller
// (host, app, the platform fetching the package) signs in with Entra ID. Its Event Grid system topic
// carries the BlobCreated events that fire RenderReport (the subscription: infra/events.bicep).
param location string
param tags object

@minLength(3)
@maxLength(24)
param name string

@description('Blob container holding the deployed package (functionAppConfig.deployment.storage).')
param deploymentContainerName string

@description('Blob container whose new blobs trigger RenderReport through Event Grid.')
param reportRequestsContainerName string

@description('Name of the Event Grid system topic of this account.')
param systemTopicName string

resource storage 'Microsoft.Storage/storageAccounts@2024-01-01' = {
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

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2024-01-01' = {
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

resource deploymentContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2024-01-01' = {
  parent: blobService
  name: deploymentContainerName
  properties: {
    publicAccess: 'None'
  }
}

// The app creates its containers on first use too; this one exists up front because the Event Grid
// subscription filters on it.
resource reportRequestsContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2024-01-01' = {
  parent: blobService
  name: reportRequestsContainerName
  properties: {
    publicAccess: 'None'
  }
}

resource systemTopic 'Microsoft.EventGrid/systemTopics@2025-02-15' = {
  name: systemTopicName
  location: location
  tags: tags
  properties: {
    source: storage.id
    topicType: 'Microsoft.Storage.StorageAccounts'
  }
}

output name string = storage.name
output id string = storage.id
output blobEndpoint string = storage.properties.primaryEndpoints.blob
output deploymentContainerName string = deploymentContainer.name
output systemTopicName string = systemTopic.name

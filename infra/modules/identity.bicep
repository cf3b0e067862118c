// SPDX-License-Identifier: MIT
// The Function App's user-assigned managed identity: the host, the app and the platform (fetching the
// deployment package) all reach storage and Application Insights with it. Created before the app, so
// its role assignments (rbac.bicep) are in place when the host first starts.
param location string
param tags object
param name string

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: name
  location: location
  tags: tags
}

output id string = identity.id
output name string = identity.name
output clientId string = identity.properties.clientId
output principalId string = identity.properties.principalId

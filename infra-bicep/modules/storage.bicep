// The one storage account: the Functions host and the Durable task hub (AzureWebJobsStorage), the
// deployment package, and the audits Power BI reads. Reached with Microsoft Entra ID only: shared keys
// are off, and the workers' upload URLs are user delegation SAS, which need no account key.

@description('Azure region.')
param location string

@description('Tags put on every resource.')
param tags {
  *: string
}

@description('Storage account name: 3 to 24 lower-case letters and digits, unique in Azure.')
@minLength(3)
@maxLength(24)
param accountName string

@description('Blob containers to create.')
param containers string[]

@description('The app\'s user-assigned identity, given the data roles below.')
param identityName string

// Built-in roles the Functions host and the Durable Functions Azure Storage backend need:
// blobs (leases, large messages, the deployment package, user delegation keys), queues and tables.
var dataRoles = [
  {
    name: 'Storage Blob Data Owner'
    id: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
  }
  {
    name: 'Storage Queue Data Contributor'
    id: '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
  }
  {
    name: 'Storage Table Data Contributor'
    id: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
  }
]

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' existing = {
  name: identityName
}

resource account 'Microsoft.Storage/storageAccounts@2025-01-01' = {
  name: accountName
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    accessTier: 'Hot'
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    allowBlobPublicAccess: false
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    allowCrossTenantReplication: false
    // Public endpoint on purpose: Fly machines anywhere upload reports with their SAS URLs.
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      defaultAction: 'Allow'
      bypass: 'AzureServices'
    }
  }

  resource blobService 'blobServices' = {
    name: 'default'
    properties: {
      // A deleted audit or container can be brought back for a week.
      deleteRetentionPolicy: {
        enabled: true
        days: 7
      }
      containerDeleteRetentionPolicy: {
        enabled: true
        days: 7
      }
    }

    resource container 'containers' = [
      for name in containers: {
        name: name
        properties: {
          publicAccess: 'None'
        }
      }
    ]
  }
}

resource dataRoleAssignments 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for role in dataRoles: {
    name: guid(account.id, identity.id, role.id)
    scope: account
    properties: {
      description: '${role.name} for the Meridian function app'
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', role.id)
      principalId: identity.properties.principalId
      principalType: 'ServicePrincipal'
    }
  }
]

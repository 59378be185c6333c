// The Flex Consumption plan and the function app, running as the user-assigned identity, and every
// app setting it reads. The settings are one resource: a setting added in the portal is gone after the
// next deployment, so change them here. Names match local.settings.sample.json (the tests compare them).

@description('Azure region.')
param location string

@description('Tags put on every resource.')
param tags {
  *: string
}

@description('Flex Consumption plan name.')
param planName string

@description('Function app name; also the first label of its default host name.')
param appName string

@description('The app\'s user-assigned identity, which already holds its storage, Key Vault and telemetry roles.')
param identityName string

@description('Storage account for AzureWebJobsStorage, the deployment package and Storage__BlobServiceUri.')
param storageAccountName string

@description('Blob container of the deployment package.')
param deploymentContainer string

@description('Application Insights component the host sends telemetry to.')
param applicationInsightsName string

@description('Key Vault holding the secrets the app settings reference.')
param keyVaultName string

@description('Names of the secrets in the Key Vault.')
param secretNames {
  flyApiToken: string
  callbackSigningKey: string
}

@description('Memory of each instance, in MB.')
param instanceMemoryMB int

@description('Most instances the app scales out to.')
param maximumInstanceCount int

@description('Durable Functions task hub name (TASKHUB_NAME).')
param taskHubName string

@description('Fly app the audit machines are created in (Fly__AppName).')
param flyAppName string

@description('Image the audit machines run (Fly__WorkerImage).')
param workerImage string

@description('Base URL of the callbacks (Meridian__CallbackBaseUrl); empty for the app\'s own host.')
param callbackBaseUrl string

@description('Regions used when a request names none (Meridian__DefaultRegions).')
param defaultRegions string

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' existing = {
  name: identityName
}

resource storage 'Microsoft.Storage/storageAccounts@2025-01-01' existing = {
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
  name: appName
  location: location
  tags: tags
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identity.id}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    // Key Vault references resolve as this identity (an app with no system-assigned identity needs it said).
    keyVaultReferenceIdentity: identity.id
    functionAppConfig: {
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
      scaleAndConcurrency: {
        instanceMemoryMB: instanceMemoryMB
        maximumInstanceCount: maximumInstanceCount
      }
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storage.properties.primaryEndpoints.blob}${deploymentContainer}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identity.id
          }
        }
      }
    }
  }
}

var appHostUrl = 'https://${site.properties.defaultHostName}/'

// Key Vault references by vault and secret name: the same in every cloud and known before deployment.
// No version: the app picks up a new secret version within a day, or at once on a refresh (README.md).
var flyApiTokenReference = '@Microsoft.KeyVault(VaultName=${keyVaultName};SecretName=${secretNames.flyApiToken})'
var callbackSigningKeyReference = '@Microsoft.KeyVault(VaultName=${keyVaultName};SecretName=${secretNames.callbackSigningKey})'

resource appSettings 'Microsoft.Web/sites/config@2024-11-01' = {
  parent: site
  name: 'appsettings'
  properties: {
    // Host storage and the Durable task hub, through the identity (no connection string, no key).
    AzureWebJobsStorage__accountName: storage.name
    AzureWebJobsStorage__credential: 'managedidentity'
    AzureWebJobsStorage__clientId: identity.properties.clientId
    TASKHUB_NAME: taskHubName
    // DefaultAzureCredential (Storage__BlobServiceUri) picks the user-assigned identity by this id.
    AZURE_CLIENT_ID: identity.properties.clientId
    APPLICATIONINSIGHTS_CONNECTION_STRING: applicationInsights.properties.ConnectionString
    APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identity.properties.clientId};Authorization=AAD'
    Meridian__CallbackBaseUrl: empty(callbackBaseUrl) ? appHostUrl : callbackBaseUrl
    // Stated, so that turning the SSRF guard off in Azure takes a change to this file.
    Meridian__AllowPrivateTargets: 'false'
    Meridian__CallbackSigningKey: callbackSigningKeyReference
    Meridian__DefaultRegions: defaultRegions
    Storage__BlobServiceUri: storage.properties.primaryEndpoints.blob
    Fly__AppName: flyAppName
    Fly__WorkerImage: workerImage
    Fly__ApiToken: flyApiTokenReference
  }
}

@description('Name of the function app.')
output appName string = site.name

@description('Default host name of the function app.')
output defaultHostName string = site.properties.defaultHostName

@description('The callback base URL the app was given.')
output callbackBaseUrl string = empty(callbackBaseUrl) ? appHostUrl : callbackBaseUrl

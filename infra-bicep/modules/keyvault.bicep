// Key Vault (Azure RBAC permission model) for the Fly API token and the callback signing key. The app
// reads them through Key Vault references as its user-assigned identity (Key Vault Secrets User).
// A secret is written only when its value is given, so a redeployment without the values keeps the
// secrets an operator set with `az keyvault secret set`.

@description('Azure region.')
param location string

@description('Tags put on every resource.')
param tags {
  *: string
}

@description('Key Vault name: 3 to 24 letters, digits and dashes, unique in Azure.')
@minLength(3)
@maxLength(24)
param vaultName string

@description('Purge protection; it cannot be turned off once on.')
param purgeProtection bool

@description('The app\'s user-assigned identity, which reads the secrets.')
param identityName string

@description('Names of the two secrets.')
param secretNames {
  flyApiToken: string
  callbackSigningKey: string
}

@description('Fly API token; empty leaves the secret as it is.')
@secure()
param flyApiToken string

@description('Callback signing master key; empty leaves the secret as it is.')
@secure()
param callbackSigningKey string

// Built-in role: Key Vault Secrets User (read secret values; RBAC permission model only).
var keyVaultSecretsUser = '4633458b-17de-408a-b874-0445c86b69e6'

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' existing = {
  name: identityName
}

resource vault 'Microsoft.KeyVault/vaults@2024-11-01' = {
  name: vaultName
  location: location
  tags: tags
  properties: {
    tenantId: tenant().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    // Key Vault rejects false here once purge protection is on, so "off" is expressed by leaving it out.
    enablePurgeProtection: purgeProtection ? true : null
    // The Functions platform resolves the references over the public endpoint (no virtual network here).
    publicNetworkAccess: 'Enabled'
  }

  resource flyApiTokenSecret 'secrets' = if (!empty(flyApiToken)) {
    name: secretNames.flyApiToken
    properties: {
      value: flyApiToken
      contentType: 'Fly API token (fly tokens create deploy)'
    }
  }

  resource callbackSigningKeySecret 'secrets' = if (!empty(callbackSigningKey)) {
    name: secretNames.callbackSigningKey
    properties: {
      value: callbackSigningKey
      contentType: 'base64 of 32 or more random bytes (openssl rand -base64 32)'
    }
  }
}

resource readSecrets 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, identity.id, keyVaultSecretsUser)
  scope: vault
  properties: {
    description: 'Key Vault Secrets User for the Meridian function app (Key Vault references)'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsUser)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

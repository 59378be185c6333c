// Everything Meridian needs in Azure, in one resource group: a Flex Consumption function app running
// as a user-assigned identity, its storage account, Key Vault for the two secrets, and Application
// Insights. No storage key and no secret value ends up in an app setting. See README.md beside this file.
metadata description = 'Meridian: Azure Functions (Flex Consumption) app, storage, Key Vault and monitoring'

@description('Azure region of every resource. Flex Consumption is not offered everywhere: `az functionapp list-flexconsumption-locations`.')
param location string = resourceGroup().location

@description('Start of every resource name: lower-case letters and digits only (the storage account name allows nothing else). At most 9, so the Key Vault name stays within 24 characters.')
@minLength(3)
@maxLength(9)
param namePrefix string = 'meridian'

@description('The environment these resources serve; part of every resource name and of the default task hub name.')
@allowed([
  'dev'
  'test'
  'prod'
])
param environmentName string = 'prod'

@description('Fly app the audit machines are created in (Fly__AppName). Create it first: `fly apps create <name>`.')
@minLength(1)
@maxLength(63)
param flyAppName string = 'meridian-workers'

@description('Image the audit machines run (Fly__WorkerImage): worker/Dockerfile pushed to Fly\'s registry. Pin a tag rather than latest.')
param workerImage string = 'registry.fly.io/${flyAppName}:latest'

@description('Public base URL the workers POST their results to (Meridian__CallbackBaseUrl), ending in "/". Empty: the function app\'s own https://{default host name}/.')
param callbackBaseUrl string = ''

@description('Regions an audit or monitor uses when its request names none (Meridian__DefaultRegions): Fly region codes separated by commas.')
@minLength(3)
param defaultRegions string = 'iad,sjc,gru,lhr,sin,syd'

@description('Memory of each instance, in MB. 2048 is the default; Durable Functions under load is unpredictable on 512.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int = 2048

@description('Most instances the app scales out to; Flex Consumption accepts 40 to 1000. The app mostly waits on Fly and on callbacks, so a low cap bounds the cost.')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int = 40

@description('Durable Functions task hub (TASKHUB_NAME, which host.json reads): 3 to 45 letters and digits, starting with a letter.')
@minLength(3)
@maxLength(45)
param taskHubName string = 'Meridian${environmentName}'

@description('Fly API token (`fly tokens create deploy`), stored as Key Vault secret fly-api-token. Empty: the secret is left as it is; put it there with `az keyvault secret set`.')
@secure()
param flyApiToken string = ''

@description('Callback signing master key (`openssl rand -base64 32`), stored as Key Vault secret callback-signing-key. Empty: the secret is left as it is; put it there with `az keyvault secret set`.')
@secure()
param callbackSigningKey string = ''

@description('Key Vault purge protection: deleted secrets cannot be purged before 90 days. Once on it cannot be turned off; leave it off only for throwaway environments.')
param keyVaultPurgeProtection bool = true

@description('Tags put on every resource.')
param tags {
  *: string
} = {}

// Short and stable per resource group, so names are unique worldwide yet the same on every redeployment.
var suffix = take(uniqueString(resourceGroup().id, namePrefix, environmentName), 6)
var baseName = '${namePrefix}-${environmentName}-${suffix}'

// Known before deployment, so what-if can predict every resource (module outputs would be runtime values).
var names = {
  identity: 'id-${baseName}'
  workspace: 'log-${baseName}'
  applicationInsights: 'appi-${baseName}'
  storageAccount: 'st${namePrefix}${environmentName}${suffix}'
  keyVault: 'kv-${baseName}'
  plan: 'plan-${baseName}'
  functionApp: 'func-${baseName}'
}

// BlobLayout.Containers in functions/Meridian.Core: the tests fail until both lists agree.
var appContainers = [
  'audits'
  'region-results'
  'reports'
  'deliveries'
  'monitors'
  'machines'
]

// Where Flex Consumption keeps the app's deployment package; not one of the app's own containers.
var deploymentContainer = 'app-package'

var secretNames = {
  flyApiToken: 'fly-api-token'
  callbackSigningKey: 'callback-signing-key'
}

// A user-assigned identity exists, with its roles, before the app does: the app's first start already
// reaches its deployment package, the task hub and the Key Vault references.
resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' = {
  name: names.identity
  location: location
  tags: tags
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    location: location
    tags: tags
    workspaceName: names.workspace
    applicationInsightsName: names.applicationInsights
    identityName: identity.name
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  params: {
    location: location
    tags: tags
    accountName: names.storageAccount
    containers: concat(appContainers, [deploymentContainer])
    identityName: identity.name
  }
}

module keyVault 'modules/keyvault.bicep' = {
  name: 'keyvault'
  params: {
    location: location
    tags: tags
    vaultName: names.keyVault
    purgeProtection: keyVaultPurgeProtection
    identityName: identity.name
    secretNames: secretNames
    flyApiToken: flyApiToken
    callbackSigningKey: callbackSigningKey
  }
}

// After the other modules: their role assignments must exist when the app first starts.
module functionApp 'modules/functionapp.bicep' = {
  name: 'functionapp'
  dependsOn: [
    monitoring
    storage
    keyVault
  ]
  params: {
    location: location
    tags: tags
    planName: names.plan
    appName: names.functionApp
    identityName: identity.name
    storageAccountName: names.storageAccount
    deploymentContainer: deploymentContainer
    applicationInsightsName: names.applicationInsights
    keyVaultName: names.keyVault
    secretNames: secretNames
    instanceMemoryMB: instanceMemoryMB
    maximumInstanceCount: maximumInstanceCount
    taskHubName: taskHubName
    flyAppName: flyAppName
    workerImage: workerImage
    callbackBaseUrl: callbackBaseUrl
    defaultRegions: defaultRegions
  }
}

@description('Name of the function app, for `func azure functionapp publish` and `az functionapp` commands.')
output functionAppName string = functionApp.outputs.appName

@description('Default host name of the function app; the API is under https://{host}/api/.')
output functionAppHostName string = functionApp.outputs.defaultHostName

@description('The base URL the workers call back (Meridian__CallbackBaseUrl).')
output callbackBaseUrl string = functionApp.outputs.callbackBaseUrl

@description('Storage account holding the task hub, the deployment package and the audits (Power BI reads it).')
output storageAccountName string = names.storageAccount

@description('The containers the app writes to (BlobLayout.Containers).')
output containers string[] = appContainers

@description('Container of the deployment package.')
output deploymentContainer string = deploymentContainer

@description('Key Vault holding the Fly API token and the callback signing key.')
output keyVaultName string = names.keyVault

@description('Names of the secrets in the Key Vault, for `az keyvault secret set`.')
output keyVaultSecretNames {
  flyApiToken: string
  callbackSigningKey: string
} = secretNames

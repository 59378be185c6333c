// An example: copy it per environment (main.dev.bicepparam, ...) and change the values.
using 'main.bicep'

param environmentName = 'prod'
param flyAppName = 'meridian-workers'
// The tag you pushed (see README.md, "The worker image"); latest makes every machine start a guess.
param workerImage = 'registry.fly.io/meridian-workers:2026-01-15'
param defaultRegions = 'iad,sjc,gru,lhr,sin,syd'
param instanceMemoryMB = 2048
param maximumInstanceCount = 40

// Secrets never go in this file. Set them in the environment of the deploying shell, or leave them
// unset and put them in Key Vault with `az keyvault secret set` (README.md, "Secrets").
param flyApiToken = readEnvironmentVariable('MERIDIAN_FLY_API_TOKEN', '')
param callbackSigningKey = readEnvironmentVariable('MERIDIAN_CALLBACK_SIGNING_KEY', '')

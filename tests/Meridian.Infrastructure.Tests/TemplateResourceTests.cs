using System.Text.Json;
using Meridian.Core.Reports;
using Meridian.Core.Storage;
using Meridian.Infrastructure.Tests.Support;

namespace Meridian.Infrastructure.Tests;

/// <summary>The resources the example deployment (main.bicepparam) creates, from <c>bicep snapshot</c>.</summary>
[Collection(SharedInfraBicep.Name)]
public class TemplateResourceTests(InfraBicep infra)
{
    // Built-in role definitions (Azure RBAC built-in roles reference).
    private const string StorageBlobDataOwner = "b7e6dc6d-f1e8-4753-8033-0f276bb0955b";
    private const string StorageQueueDataContributor = "974c5e8b-45b9-4653-ba55-5f855dd0fb88";
    private const string StorageTableDataContributor = "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3";
    private const string KeyVaultSecretsUser = "4633458b-17de-408a-b874-0445c86b69e6";
    private const string MonitoringMetricsPublisher = "3913510d-42f4-4e42-8a64-420c390055eb";

    [Fact]
    public async Task Plan_is_Flex_Consumption_on_Linux()
    {
        var plan = (await infra.MainSnapshotAsync()).Resource("Microsoft.Web/serverfarms");

        Assert.Equal("FC1", plan.At("sku.name").GetString());
        Assert.Equal("FlexConsumption", plan.At("sku.tier").GetString());
        Assert.True(plan.At("properties.reserved").GetBoolean());
    }

    [Fact]
    public async Task Function_app_runs_dotnet_isolated_10_on_the_plan_from_its_deployment_container()
    {
        var snapshot = await infra.MainSnapshotAsync();
        var site = snapshot.Resource("Microsoft.Web/sites");
        var config = site.At("properties.functionAppConfig");
        var storage = snapshot.Resource("Microsoft.Storage/storageAccounts");

        Assert.Equal("functionapp,linux", site.GetProperty("kind").GetString());
        Assert.Equal(snapshot.Resource("Microsoft.Web/serverfarms").Id(), site.At("properties.serverFarmId").GetString());
        Assert.True(site.At("properties.httpsOnly").GetBoolean());
        Assert.Equal("dotnet-isolated", config.At("runtime.name").GetString());
        Assert.Equal("10.0", config.At("runtime.version").GetString());
        Assert.Equal("blobContainer", config.At("deployment.storage.type").GetString());
        var packageUrl = config.At("deployment.storage.value").GetString()!;
        Assert.Contains(TemplateSnapshot.RuntimeReference(storage.Id(), storage.ApiVersion(), "primaryEndpoints.blob"), packageUrl, StringComparison.Ordinal);
        Assert.Contains($"'{snapshot.Outputs.GetProperty("deploymentContainer").GetString()}'", packageUrl, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Function_app_runs_as_the_user_assigned_identity_alone()
    {
        var snapshot = await infra.MainSnapshotAsync();
        var site = snapshot.Resource("Microsoft.Web/sites");
        var identityId = snapshot.Resource("Microsoft.ManagedIdentity/userAssignedIdentities").Id();

        Assert.Equal("UserAssigned", site.At("identity.type").GetString());
        Assert.Equal([identityId], site.At("identity.userAssignedIdentities").EnumerateObject().Select(identity => identity.Name));
        Assert.Equal(identityId, site.At("properties.keyVaultReferenceIdentity").GetString());
        var authentication = site.At("properties.functionAppConfig.deployment.storage.authentication");
        Assert.Equal("UserAssignedIdentity", authentication.At("type").GetString());
        Assert.Equal(identityId, authentication.At("userAssignedIdentityResourceId").GetString());
    }

    [Fact]
    public async Task Instance_memory_and_maximum_instances_come_from_the_parameters()
    {
        var snapshot = await infra.SnapshotAsync("scale.bicepparam", "param instanceMemoryMB = 4096\nparam maximumInstanceCount = 123");
        var scale = snapshot.Resource("Microsoft.Web/sites").At("properties.functionAppConfig.scaleAndConcurrency");

        Assert.Equal(4096, scale.At("instanceMemoryMB").GetInt32());
        Assert.Equal(123, scale.At("maximumInstanceCount").GetInt32());
    }

    [Fact]
    public async Task Storage_account_refuses_anonymous_blobs_old_TLS_and_shared_keys()
    {
        var storage = (await infra.MainSnapshotAsync()).Resource("Microsoft.Storage/storageAccounts").Properties();

        Assert.False(storage.At("allowBlobPublicAccess").GetBoolean());
        Assert.Equal("TLS1_2", storage.At("minimumTlsVersion").GetString());
        Assert.False(storage.At("allowSharedKeyAccess").GetBoolean());
        Assert.True(storage.At("supportsHttpsTrafficOnly").GetBoolean());
    }

    [Fact]
    public async Task Storage_has_a_private_container_for_every_container_the_app_uses_and_one_for_the_deployment_package()
    {
        var snapshot = await infra.MainSnapshotAsync();
        var containers = snapshot.OfType("Microsoft.Storage/storageAccounts/blobServices/containers").ToList();
        var names = containers.Select(container => container.Name().Split('/')[^1]).ToList();
        var deploymentContainer = snapshot.Outputs.GetProperty("deploymentContainer").GetString()!;

        // BlobLayout.Containers is what the app writes to: a container added there fails here until the template has it.
        Assert.Equal(BlobLayout.Containers.Append(deploymentContainer).Order(), names.Order());
        Assert.DoesNotContain(deploymentContainer, BlobLayout.Containers);
        Assert.All(containers, container => Assert.Equal("None", container.At("properties.publicAccess").GetString()));
        Assert.Equal(BlobLayout.Containers, snapshot.Outputs.GetProperty("containers").EnumerateArray().Select(name => name.GetString()));
    }

    [Fact]
    public async Task Identity_holds_the_data_roles_the_host_Durable_Functions_Key_Vault_references_and_telemetry_need()
    {
        var snapshot = await infra.MainSnapshotAsync();
        var storage = snapshot.Resource("Microsoft.Storage/storageAccounts").Id();
        var vault = snapshot.Resource("Microsoft.KeyVault/vaults").Id();
        var insights = snapshot.Resource("Microsoft.Insights/components").Id();
        var identity = snapshot.Resource("Microsoft.ManagedIdentity/userAssignedIdentities");
        var principal = $"[{TemplateSnapshot.RuntimeReference(identity.Id(), identity.ApiVersion(), "principalId")}]";

        var assignments = snapshot.OfType("Microsoft.Authorization/roleAssignments").ToList();
        Assert.All(assignments, assignment =>
        {
            Assert.Equal(principal, assignment.At("properties.principalId").GetString());
            Assert.Equal("ServicePrincipal", assignment.At("properties.principalType").GetString());
        });
        var granted = assignments.Select(assignment => (Scope(assignment), Role(assignment))).Order().ToList();
        (string, string)[] expected =
        [
            (storage, StorageBlobDataOwner),
            (storage, StorageQueueDataContributor),
            (storage, StorageTableDataContributor),
            (vault, KeyVaultSecretsUser),
            (insights, MonitoringMetricsPublisher),
        ];
        Assert.Equal(expected.Order(), granted);
    }

    [Fact]
    public async Task Key_vault_uses_Azure_RBAC_and_keeps_deleted_secrets()
    {
        var vault = (await infra.MainSnapshotAsync()).Resource("Microsoft.KeyVault/vaults").Properties();

        Assert.True(vault.At("enableRbacAuthorization").GetBoolean());
        Assert.True(vault.At("enableSoftDelete").GetBoolean());
        Assert.True(vault.At("enablePurgeProtection").GetBoolean());
    }

    [Fact]
    public async Task Secrets_are_written_to_the_vault_only_when_given_and_never_in_clear()
    {
        var snapshot = await infra.MainSnapshotAsync();
        var secrets = snapshot.OfType("Microsoft.KeyVault/vaults/secrets").ToDictionary(secret => secret.Name().Split('/')[^1]);
        var names = snapshot.Outputs.GetProperty("keyVaultSecretNames");

        foreach (var (name, parameter) in new[] { ("flyApiToken", "flyApiToken"), ("callbackSigningKey", "callbackSigningKey") })
        {
            var secret = secrets[names.GetProperty(name).GetString()!];
            Assert.Equal($"[not(empty(parameters('{parameter}')))]", secret.GetProperty("condition").GetString());
            Assert.Equal($"[parameters('{parameter}')]", secret.At("properties.value").GetString());
        }

        Assert.Equal(2, secrets.Count);
    }

    [Fact]
    public async Task Application_Insights_keeps_its_data_in_the_workspace_and_takes_Entra_authentication_only()
    {
        var snapshot = await infra.MainSnapshotAsync();
        var insights = snapshot.Resource("Microsoft.Insights/components").Properties();

        Assert.Equal(snapshot.Resource("Microsoft.OperationalInsights/workspaces").Id(), insights.At("WorkspaceResourceId").GetString());
        Assert.True(insights.At("DisableLocalAuth").GetBoolean());
    }

    [Fact]
    public async Task Outputs_name_the_host_the_storage_account_and_the_containers()
    {
        var snapshot = await infra.MainSnapshotAsync();
        var site = snapshot.Resource("Microsoft.Web/sites");

        Assert.Equal($"[{TemplateSnapshot.RuntimeReference(site.Id(), site.ApiVersion(), "defaultHostName")}]", snapshot.Outputs.GetProperty("functionAppHostName").GetString());
        Assert.Equal(site.Name(), snapshot.Outputs.GetProperty("functionAppName").GetString());
        Assert.Equal(snapshot.Resource("Microsoft.Storage/storageAccounts").Name(), snapshot.Outputs.GetProperty("storageAccountName").GetString());
        Assert.Equal(snapshot.Resource("Microsoft.KeyVault/vaults").Name(), snapshot.Outputs.GetProperty("keyVaultName").GetString());
        Assert.Equal(JsonValueKind.Array, snapshot.Outputs.GetProperty("containers").ValueKind);
    }

    // A role assignment's id is {scope}/providers/Microsoft.Authorization/roleAssignments/{name}.
    private static string Scope(JsonElement assignment) =>
        assignment.Id()[..assignment.Id().IndexOf("/providers/Microsoft.Authorization/roleAssignments/", StringComparison.Ordinal)];

    private static string Role(JsonElement assignment) =>
        assignment.At("properties.roleDefinitionId").GetString()!.Split('/')[^1];
}

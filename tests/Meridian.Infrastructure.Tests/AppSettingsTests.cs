using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using Meridian.Core.Configuration;
using Meridian.Core.Reports;
using Meridian.Core.Storage;
using Meridian.Infrastructure.Tests.Support;

namespace Meridian.Infrastructure.Tests;

/// <summary>
/// The app settings the template sets against the settings the app reads: local.settings.sample.json
/// (every setting, with local values) and the options classes Meridian.Core binds. A setting added to
/// either fails here until the template sets it or one of the lists below says why it does not.
/// </summary>
[Collection(SharedInfraBicep.Name)]
public partial class AppSettingsTests(InfraBicep infra)
{
    /// <summary>Sample settings that Azure gets in another form.</summary>
    internal static readonly Dictionary<string, string> ReplacedInAzure = new()
    {
        ["AzureWebJobsStorage"] = "a connection string; in Azure AzureWebJobsStorage__accountName, __credential and __clientId reach the account as the identity",
        ["FUNCTIONS_WORKER_RUNTIME"] = "on Flex Consumption the runtime is functionAppConfig.runtime, and the app setting is not allowed",
        ["Storage__ConnectionString"] = "Azurite's; in Azure Storage__BlobServiceUri with the identity (StorageOptions takes exactly one of the two)",
    };

    /// <summary>Settings the template leaves out on purpose, so the code's default applies (tuning that suits Fly as it is).</summary>
    internal static readonly string[] LeftToCodeDefault =
    [
        "Meridian__MachineCreateBurst",
        "Meridian__MachineCreateIntervalMs",
        "Fly__ApiBaseUrl",
        "Fly__CpuKind",
        "Fly__Cpus",
        "Fly__MemoryMb",
        "Fly__StartTimeoutSeconds",
        "Fly__CreateBurst",
        "Fly__CreateIntervalMs",
        "Fly__MaxRetryAttempts",
        "Fly__RetryBaseDelayMs",
        "Fly__TotalTimeoutSeconds",
        "Alerts__MaxRetryAttempts",
        "Alerts__RetryBaseDelayMs",
        "Alerts__AttemptTimeoutMs",
        "Alerts__TotalTimeoutMs",
    ];

    /// <summary>Settings only Azure has: the identity's and Application Insights'.</summary>
    internal static readonly Dictionary<string, string> OnlyInAzure = new()
    {
        ["AzureWebJobsStorage__accountName"] = "identity-based AzureWebJobsStorage",
        ["AzureWebJobsStorage__credential"] = "identity-based AzureWebJobsStorage",
        ["AzureWebJobsStorage__clientId"] = "identity-based AzureWebJobsStorage: which of the app's identities",
        ["AZURE_CLIENT_ID"] = "DefaultAzureCredential (Storage__BlobServiceUri) picks the user-assigned identity by it",
        ["APPLICATIONINSIGHTS_CONNECTION_STRING"] = "where the host sends telemetry",
        ["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"] = "telemetry sent as the identity (the component takes no instrumentation key alone)",
    };

    private static readonly JsonElement Sample =
        JsonDocument.Parse(File.ReadAllText(BuildPaths.InRepository("local.settings.sample.json"))).RootElement.GetProperty("Values");

    private static IEnumerable<string> SampleNames => Sample.EnumerateObject().Select(setting => setting.Name);

    [Fact]
    public async Task Template_sets_the_sample_settings_apart_from_the_listed_differences()
    {
        var settings = (await infra.MainSnapshotAsync()).AppSettings.Keys;
        var expected = SampleNames.Except(ReplacedInAzure.Keys).Except(LeftToCodeDefault).Union(OnlyInAzure.Keys);

        Assert.Equal(expected.Order(StringComparer.Ordinal), settings.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Differences_name_only_settings_that_exist()
    {
        Assert.All(ReplacedInAzure.Keys.Concat(LeftToCodeDefault), name => Assert.Contains(name, SampleNames));
        Assert.All(OnlyInAzure.Keys, name => Assert.DoesNotContain(name, SampleNames));
        Assert.All(LeftToCodeDefault, name => Assert.Contains(name, BoundSettings().Keys));
    }

    [Fact]
    public async Task Every_setting_the_options_classes_bind_is_set_by_the_template_or_left_to_its_default()
    {
        var settings = (await infra.MainSnapshotAsync()).AppSettings;
        var bound = BoundSettings();
        Assert.Contains($"{MeridianOptions.SectionName}__{nameof(MeridianOptions.CallbackBaseUrl)}", bound.Keys);

        Assert.All(bound.Keys.Except(ReplacedInAzure.Keys), name =>
            Assert.True(settings.ContainsKey(name) || LeftToCodeDefault.Contains(name), $"{name} is neither set by the template nor in {nameof(LeftToCodeDefault)}"));
    }

    [Fact]
    public void Settings_left_to_their_default_have_the_same_value_in_the_sample_as_in_the_code()
    {
        var bound = BoundSettings();

        Assert.All(LeftToCodeDefault, name =>
        {
            var property = bound[name];
            var defaultValue = Convert.ToString(property.GetValue(Activator.CreateInstance(property.DeclaringType!)), CultureInfo.InvariantCulture);
            Assert.True(Sample.GetProperty(name).GetString() == defaultValue, $"{name}: the sample says {Sample.GetProperty(name)}, the code {defaultValue}");
        });
    }

    [Fact]
    public async Task Secrets_are_Key_Vault_references_to_the_template_s_vault()
    {
        var snapshot = await infra.MainSnapshotAsync();
        var vault = snapshot.Resource("Microsoft.KeyVault/vaults").Name();
        var secretNames = snapshot.Outputs.GetProperty("keyVaultSecretNames");

        Assert.Equal(
            $"@Microsoft.KeyVault(VaultName={vault};SecretName={secretNames.GetProperty("flyApiToken").GetString()})",
            snapshot.AppSettings["Fly__ApiToken"]);
        Assert.Equal(
            $"@Microsoft.KeyVault(VaultName={vault};SecretName={secretNames.GetProperty("callbackSigningKey").GetString()})",
            snapshot.AppSettings["Meridian__CallbackSigningKey"]);
    }

    [Fact]
    public async Task Storage_is_reached_as_the_identity_and_no_setting_holds_a_key()
    {
        var snapshot = await infra.MainSnapshotAsync();
        var settings = snapshot.AppSettings;
        var storage = snapshot.Resource("Microsoft.Storage/storageAccounts");
        var identity = snapshot.Resource("Microsoft.ManagedIdentity/userAssignedIdentities");
        var clientId = $"[{TemplateSnapshot.RuntimeReference(identity.Id(), identity.ApiVersion(), "clientId")}]";

        Assert.Equal(storage.Name(), settings["AzureWebJobsStorage__accountName"]);
        Assert.Equal("managedidentity", settings["AzureWebJobsStorage__credential"]);
        Assert.Equal(clientId, settings["AzureWebJobsStorage__clientId"]);
        Assert.Equal(clientId, settings["AZURE_CLIENT_ID"]);
        Assert.Equal($"[{TemplateSnapshot.RuntimeReference(storage.Id(), storage.ApiVersion(), "primaryEndpoints.blob")}]", settings["Storage__BlobServiceUri"]);
        Assert.All(settings.Values, value =>
        {
            Assert.DoesNotContain("AccountKey", value, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("SharedAccessSignature", value, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("listKeys", value, StringComparison.OrdinalIgnoreCase);
        });
    }

    [Fact]
    public async Task Telemetry_goes_to_the_template_s_Application_Insights_as_the_identity()
    {
        var snapshot = await infra.MainSnapshotAsync();
        var insights = snapshot.Resource("Microsoft.Insights/components");
        var identity = snapshot.Resource("Microsoft.ManagedIdentity/userAssignedIdentities");

        Assert.Equal($"[{TemplateSnapshot.RuntimeReference(insights.Id(), insights.ApiVersion(), "ConnectionString")}]", snapshot.AppSettings["APPLICATIONINSIGHTS_CONNECTION_STRING"]);
        Assert.Equal(
            $"[format('ClientId={{0}};Authorization=AAD', {TemplateSnapshot.RuntimeReference(identity.Id(), identity.ApiVersion(), "clientId")})]",
            snapshot.AppSettings["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"]);
    }

    [Fact]
    public async Task Settings_the_app_reads_come_from_the_parameters()
    {
        var snapshot = await infra.SnapshotAsync(
            "settings.bicepparam",
            """
            param flyAppName = 'meridian-other'
            param workerImage = 'registry.fly.io/meridian-other:v7'
            param callbackBaseUrl = 'https://audits.example.org/'
            param taskHubName = 'MeridianOther'
            """);
        var settings = snapshot.AppSettings;

        Assert.Equal("meridian-other", settings["Fly__AppName"]);
        Assert.Equal("registry.fly.io/meridian-other:v7", settings["Fly__WorkerImage"]);
        Assert.Equal("https://audits.example.org/", settings["Meridian__CallbackBaseUrl"]);
        Assert.Equal("MeridianOther", settings["TASKHUB_NAME"]);
    }

    [Fact]
    public async Task Callbacks_go_to_the_function_app_s_own_host_by_default_with_the_SSRF_guard_on()
    {
        var snapshot = await infra.MainSnapshotAsync();
        var site = snapshot.Resource("Microsoft.Web/sites");

        Assert.Equal(
            $"[format('https://{{0}}/', {TemplateSnapshot.RuntimeReference(site.Id(), site.ApiVersion(), "defaultHostName")})]",
            snapshot.AppSettings["Meridian__CallbackBaseUrl"]);
        Assert.Equal("false", snapshot.AppSettings["Meridian__AllowPrivateTargets"]);
    }

    [Fact]
    public async Task Every_setting_host_json_reads_is_set()
    {
        var hostJson = await File.ReadAllTextAsync(BuildPaths.InRepository("host.json"));
        var settings = (await infra.MainSnapshotAsync()).AppSettings;
        var read = HostJsonSetting().Matches(hostJson).Select(match => match.Groups["name"].Value).ToList();

        Assert.Contains("TASKHUB_NAME", read);
        Assert.All(read, name => Assert.True(settings.ContainsKey(name), $"host.json reads %{name}%, which the template does not set"));
    }

    /// <summary>
    /// <c>{Section}__{Property}</c> for every public settable property of every options class in
    /// Meridian.Core (a class with a <c>SectionName</c> constant), so a new options class is covered too.
    /// </summary>
    private static Dictionary<string, PropertyInfo> BoundSettings() =>
        typeof(MeridianOptions).Assembly.GetTypes()
            .Select(type => (type, section: type.GetField("SectionName", BindingFlags.Public | BindingFlags.Static)))
            .Where(options => options.section is { IsLiteral: true })
            .SelectMany(options => options.type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(property => property.SetMethod is { IsPublic: true })
                .Select(property => (name: $"{options.section!.GetRawConstantValue()}__{property.Name}", property)))
            .ToDictionary(setting => setting.name, setting => setting.property, StringComparer.Ordinal);

    [GeneratedRegex("%(?<name>[A-Za-z0-9_]+)%")]
    private static partial Regex HostJsonSetting();
}

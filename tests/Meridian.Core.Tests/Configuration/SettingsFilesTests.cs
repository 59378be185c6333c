using System.Text.Json;
using Meridian.Core.Audits.Activities;
using Meridian.Core.Configuration;
using Meridian.Core.Machines.Fly;
using Meridian.Core.Monitors.Alerts;
using Meridian.Core.Storage;
using Meridian.Testing;

namespace Meridian.Core.Tests.Configuration;

/// <summary>The sample settings, the README and host.json must describe the settings the code reads.</summary>
public class SettingsFilesTests
{
    private static readonly JsonElement SampleValues =
        JsonDocument.Parse(File.ReadAllText(RepositoryPaths.Combine("local.settings.sample.json"))).RootElement.GetProperty("Values");

    public static TheoryData<string> MeridianSettings()
    {
        var data = new TheoryData<string>();
        foreach (var property in typeof(MeridianOptions).GetProperties().Where(p => p.CanWrite))
        {
            data.Add($"{MeridianOptions.SectionName}__{property.Name}");
        }

        foreach (var property in typeof(FlyOptions).GetProperties().Where(p => p.CanWrite))
        {
            data.Add($"{FlyOptions.SectionName}__{property.Name}");
        }

        foreach (var property in typeof(StorageOptions).GetProperties().Where(p => p.CanWrite))
        {
            data.Add($"{StorageOptions.SectionName}__{property.Name}");
        }

        foreach (var property in typeof(AlertWebhookOptions).GetProperties().Where(p => p.CanWrite))
        {
            data.Add($"{AlertWebhookOptions.SectionName}__{property.Name}");
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(MeridianSettings))]
    public void Every_setting_the_app_reads_is_in_the_sample_and_documented_in_the_README(string setting)
    {
        Assert.True(SampleValues.TryGetProperty(setting, out _), $"local.settings.sample.json lacks {setting}");
        Assert.Contains($"`{setting}`", File.ReadAllText(RepositoryPaths.Combine("README.md")), StringComparison.Ordinal);
    }

    [Fact]
    public void Every_sample_setting_is_documented_in_the_README()
    {
        var readme = File.ReadAllText(RepositoryPaths.Combine("README.md"));

        Assert.All(SampleValues.EnumerateObject(), setting => Assert.Contains($"`{setting.Name}`", readme, StringComparison.Ordinal));
    }

    [Fact]
    public void Sample_runs_locally_on_Azurite_with_the_isolated_worker()
    {
        Assert.Equal("UseDevelopmentStorage=true", SampleValues.GetProperty("AzureWebJobsStorage").GetString());
        Assert.Equal("UseDevelopmentStorage=true", SampleValues.GetProperty("Storage__ConnectionString").GetString());
        Assert.Equal(string.Empty, SampleValues.GetProperty("Storage__BlobServiceUri").GetString());
        Assert.Equal("dotnet-isolated", SampleValues.GetProperty("FUNCTIONS_WORKER_RUNTIME").GetString());
    }

    [Fact]
    public void Host_json_serves_http_under_api_and_names_the_task_hub_from_a_setting()
    {
        var host = JsonDocument.Parse(File.ReadAllText(RepositoryPaths.Combine("host.json"))).RootElement;
        var extensions = host.GetProperty("extensions");

        // The worker callback URL (StartRegionMachineActivity.CallbackUrlFor) assumes the "api" prefix.
        Assert.Equal("api", extensions.GetProperty("http").GetProperty("routePrefix").GetString());
        var hubName = extensions.GetProperty("durableTask").GetProperty("hubName").GetString()!;
        Assert.True(SampleValues.TryGetProperty(hubName.Trim('%'), out _), $"{hubName} names no sample setting");
        Assert.Equal("AzureStorage", extensions.GetProperty("durableTask").GetProperty("storageProvider").GetProperty("type").GetString());
    }
}

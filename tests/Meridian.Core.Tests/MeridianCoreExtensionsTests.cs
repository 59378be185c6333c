using Meridian.Contract.Delivery;
using Meridian.Core.Audits;
using Meridian.Core.Audits.Activities;
using Meridian.Core.Audits.Api;
using Meridian.Core.Audits.Storage;
using Meridian.Core.Configuration;
using Meridian.Core.Deliveries;
using Meridian.Core.Machines;
using Meridian.Core.Monitors;
using Meridian.Core.Monitors.Alerts;
using Meridian.Core.Monitors.Api;
using Meridian.Core.Monitors.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Moq;

namespace Meridian.Core.Tests;

public class MeridianCoreExtensionsTests
{
    private const string ValidKey = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection()
            .AddSingleton(typeof(ILogger<>), typeof(NullLogger<>))
            .AddSingleton(Mock.Of<IRegionMachines>())
            .AddSingleton(Mock.Of<IDeliveredResults>())
            .AddSingleton(Mock.Of<IAuditReportStore>())
            .AddSingleton(Mock.Of<IWorkerUploadUrlIssuer>())
            .AddSingleton(Mock.Of<IAuditStore>())
            .AddSingleton(Mock.Of<IDeliveryStore>())
            .AddSingleton(Mock.Of<IMonitorStore>())
            .AddMeridianCore(configuration);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    [Fact]
    public void Every_activity_and_the_validator_resolve_from_the_settings()
    {
        using var provider = Build(new()
        {
            ["Meridian:CallbackBaseUrl"] = "https://meridian.example/",
            ["Meridian:CallbackSigningKey"] = ValidKey,
            ["Meridian:MachineCreateBurst"] = "2",
        });

        Assert.NotNull(provider.GetRequiredService<StartRegionMachineActivity>());
        Assert.NotNull(provider.GetRequiredService<CollectFallbackResultActivity>());
        Assert.NotNull(provider.GetRequiredService<DestroyRegionMachineActivity>());
        Assert.NotNull(provider.GetRequiredService<StoreAuditReportActivity>());
        Assert.NotNull(provider.GetRequiredService<RecordMonitorResultActivity>());
        Assert.NotNull(provider.GetRequiredService<AlertWebhookSender>());
        Assert.NotNull(provider.GetRequiredService<AuditRequestValidator>());
        Assert.NotNull(provider.GetRequiredService<AuditApi>());
        Assert.NotNull(provider.GetRequiredService<RegionResultCallback>());
        Assert.NotNull(provider.GetRequiredService<MonitorRequestValidator>());
        Assert.NotNull(provider.GetRequiredService<MonitorApi>());
        Assert.Equal(2, provider.GetRequiredService<IOptions<MeridianOptions>>().Value.MachineCreateBurst);
    }

    [Theory]
    [InlineData(null, ValidKey, "3", "CallbackBaseUrl")]
    [InlineData("https://meridian.example/", ValidKey, "0", "MachineCreateBurst")]
    [InlineData("https://meridian.example/", null, "3", "CallbackSigningKey")]
    [InlineData("https://meridian.example/", "c2hvcnQta2V5", "3", "CallbackSigningKey")]
    [InlineData("https://meridian.example/", "<random 32+ byte base64 key>", "3", "CallbackSigningKey")]
    public void Missing_or_out_of_range_settings_are_refused_with_the_setting_named(string? callbackBaseUrl, string? signingKey, string burst, string named)
    {
        using var provider = Build(new()
        {
            ["Meridian:CallbackBaseUrl"] = callbackBaseUrl,
            ["Meridian:CallbackSigningKey"] = signingKey,
            ["Meridian:MachineCreateBurst"] = burst,
        });

        var failure = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<MeridianOptions>>().Value);
        Assert.Contains(named, failure.Message, StringComparison.Ordinal);
        if (signingKey is not null)
        {
            Assert.DoesNotContain(signingKey, failure.Message, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("MaxRetryAttempts", "0")]
    [InlineData("AttemptTimeoutMs", "5")]
    [InlineData("TotalTimeoutMs", "600000")]
    public void Alert_delivery_settings_out_of_range_are_refused_with_the_setting_named(string setting, string value)
    {
        using var provider = Build(new()
        {
            ["Meridian:CallbackBaseUrl"] = "https://meridian.example/",
            ["Meridian:CallbackSigningKey"] = ValidKey,
            [$"Alerts:{setting}"] = value,
        });

        var failure = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<AlertWebhookOptions>>().Value);
        Assert.Contains(setting, failure.Message, StringComparison.Ordinal);
    }
}

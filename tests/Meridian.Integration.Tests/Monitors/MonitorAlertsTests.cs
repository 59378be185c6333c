using System.Text.Json;
using Meridian.Contract.Delivery;
using Meridian.Contract.Jobs;
using Meridian.Core;
using Meridian.Core.Audits;
using Meridian.Core.Audits.Activities;
using Meridian.Core.Configuration;
using Meridian.Core.Ids;
using Meridian.Core.Monitors.Alerts;
using Meridian.Core.Monitors.Storage;
using Meridian.Core.Storage;
using Meridian.Integration.Tests.Monitors.Api;
using Meridian.Testing.Audits;
using Meridian.Testing.Monitors;
using Meridian.Testing.Storage;
using Meridian.Testing.Web;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Meridian.Integration.Tests.Monitors;

/// <summary>
/// Recording a monitor's audits as the hosts wire it (AddMeridianCore + AddMeridianBlobStorage): the
/// real blob store on Azurite, the real webhook sender posting to a real server on 127.0.0.1.
/// </summary>
public sealed class MonitorAlertsTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private readonly RecordingCallback webhook = new(503);
    private LoopbackServer server = null!;
    private ServiceProvider services = null!;

    public async Task InitializeAsync()
    {
        server = await LoopbackServer.StartAsync(webhook.Map);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Meridian:CallbackBaseUrl"] = "http://127.0.0.1:7071/",
            ["Meridian:CallbackSigningKey"] = Convert.ToBase64String(new byte[32].Select((_, i) => (byte)(i * 7)).ToArray()),
            ["Meridian:AllowPrivateTargets"] = "true",
            ["Alerts:RetryBaseDelayMs"] = "10",
        }).Build();
        services = new ServiceCollection()
            .AddLogging()
            .AddMeridianCore(configuration)
            .AddMeridianBlobStorage(_ => azurite.Server.CreateBlobServiceClient())
            .BuildServiceProvider();
        await MeridianBlobContainers.EnsureCreatedAsync(azurite.Server.CreateBlobServiceClient());
    }

    public async Task DisposeAsync()
    {
        await services.DisposeAsync();
        await server.DisposeAsync();
    }

    [Fact]
    public async Task Two_slow_audits_in_a_row_alert_once_signed_and_the_fast_one_after_recovers()
    {
        var store = services.GetRequiredService<IMonitorStore>();
        var monitorId = MonitorIds.New(TimeProvider.System);
        var thresholds = new AlertThresholds(EachRegion: new MetricLimits(MaxLcpMs: 2500));
        Assert.True(await store.CreateAsync(
            SampleMonitors.NewAt(monitorId, SampleMonitors.Definition(thresholds: thresholds, webhookUrl: server.Url(RecordingCallback.Path).AbsoluteUri), DateTimeOffset.UtcNow),
            CancellationToken.None));

        foreach (var lcp in new[] { 4200.0, 3900.0, 1800.0 })
        {
            Assert.True(await RecordAsync(monitorId, lcp));
        }

        // The first POST met a 503 and was retried; then one regression and one recovery arrived.
        var kinds = webhook.Received.Select(request => JsonDocument.Parse(request.Body).RootElement.GetProperty("kind").GetString()).ToList();
        Assert.Equal(["regression", "regression", "recovery"], kinds);
        var key = WebhookSigningKey.Derive(services.GetRequiredService<IOptions<MeridianOptions>>().Value.CallbackMasterKey(), monitorId);
        foreach (var request in webhook.Received)
        {
            Assert.Equal(
                SignatureVerdict.Valid,
                CallbackSignature.Verify(key, request.Header(CallbackSignature.TimestampHeader), request.Header(CallbackSignature.SignatureHeader), request.Body, DateTimeOffset.UtcNow, CallbackSignature.DefaultTolerance));
        }

        var stored = (await store.GetAsync(monitorId, CancellationToken.None))!;
        Assert.Equal(3, stored.History.Count);
        Assert.Equal(["recovery", "regression"], stored.Deliveries.Select(delivery => delivery.Kind));
        Assert.Equal(2, stored.Deliveries[1].Attempts);
        Assert.All(stored.Deliveries, delivery => Assert.True(delivery.Delivered));
        Assert.False(stored.Alerts.Open);
        Assert.Empty(stored.Alerts.PendingNotices);
    }

    private async Task<bool> RecordAsync(string monitorId, double lcpMs)
    {
        var auditId = AuditIds.New(TimeProvider.System);
        RegionOutcome[] regions = [new("iad", RegionStatus.Completed, null, SampleAudits.Summary(auditId, "iad", 0.9, lcpMs), "m-iad", ResultDelivery.Callback)];
        var started = DateTime.UtcNow;
        var report = AuditReportBuilder.Build(
            auditId, new AuditSpec(new Uri("https://shop.example/"), ["iad"], FormFactor.Mobile, 1, AuditSpec.DefaultDeadline), started, started.AddMinutes(1), regions, warnings: []);
        await Task.Delay(5);
        return await services.GetRequiredService<RecordMonitorResultActivity>().RunAsync(new RecordMonitorResultInput(monitorId, report), CancellationToken.None);
    }
}

using System.Text.Json;
using Meridian.Core.Audits;
using Meridian.Core.Audits.Activities;
using Meridian.Core.Monitors;
using Meridian.Core.Monitors.Alerts;
using Meridian.Core.Monitors.Storage;
using Meridian.Core.Tests.Monitors.Alerts;
using Meridian.Testing.Web;
using Microsoft.Extensions.DependencyInjection;
using Moq;
using static Meridian.Core.Tests.Monitors.Alerts.AlertTestData;

namespace Meridian.Core.Tests.Audits.Activities;

/// <summary>
/// The activity's wiring: record, send what is pending, record the delivery. The store is a Moq stand-in
/// applying each change to one document in memory (UpdateAsync without contention); the real sender
/// posts to a real server on 127.0.0.1. The blob store's read-change-write under the ETag is tested with it.
/// </summary>
public sealed class RecordMonitorResultActivityTests : IAsyncLifetime
{
    private readonly ServiceProvider services = AlertWebhookServices.Build();
    private RecordingCallback webhook = null!;
    private LoopbackServer? server;
    private MonitorDocument? stored;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (server is not null)
        {
            await server.DisposeAsync();
        }

        await services.DisposeAsync();
    }

    /// <summary>Starts the webhook answering <paramref name="statuses"/> then 200, and returns a monitor calling it.</summary>
    private async Task<MonitorDocument> MonitorWithWebhookAsync(params int[] statuses)
    {
        webhook = new RecordingCallback(statuses);
        server = await LoopbackServer.StartAsync(webhook.Map);
        return Monitor(webhook: server.Url(RecordingCallback.Path));
    }

    private IReadOnlyList<string?> KindsReceived =>
        webhook.Received.Select(request => JsonDocument.Parse(request.Body).RootElement.GetProperty("kind").GetString()).ToList();

    private async Task<bool> RecordAsync(AuditReport report)
    {
        var store = new Mock<IMonitorStore>(MockBehavior.Strict);
        store.Setup(s => s.UpdateAsync(MonitorId, It.IsAny<Func<MonitorDocument, MonitorDocument?>>(), It.IsAny<CancellationToken>()))
            .Returns((string _, Func<MonitorDocument, MonitorDocument?> change, CancellationToken _) =>
            {
                stored = stored is null ? null : change(stored) ?? stored;
                return Task.FromResult(stored);
            });
        var activity = new RecordMonitorResultActivity(new MonitorRuns(store.Object, services.Sender(), TimeProvider.System));
        return await activity.RunAsync(new RecordMonitorResultInput(MonitorId, report), CancellationToken.None);
    }

    [Fact]
    public async Task Two_breaching_audits_in_a_row_send_one_regression_and_record_its_delivery()
    {
        stored = await MonitorWithWebhookAsync();

        foreach (var audit in new[] { SlowAudit(1), SlowAudit(2), SlowAudit(3) })
        {
            Assert.True(await RecordAsync(audit));
        }

        Assert.Equal([AlertKind.Regression], KindsReceived);
        var delivery = Assert.Single(stored!.Deliveries);
        Assert.Equal((AlertKind.Regression, AuditId(2), true, 1, 200), (delivery.Kind, delivery.AuditId, delivery.Delivered, delivery.Attempts, delivery.StatusCode));
        Assert.Empty(stored.Alerts.PendingNotices);
        Assert.Equal(3, stored.History.Count);
    }

    [Fact]
    public async Task The_audit_that_clears_the_breach_sends_the_recovery()
    {
        stored = await MonitorWithWebhookAsync();

        foreach (var audit in new[] { SlowAudit(1), SlowAudit(2), FastAudit(3), FastAudit(4) })
        {
            await RecordAsync(audit);
        }

        Assert.Equal([AlertKind.Regression, AlertKind.Recovery], KindsReceived);
        Assert.Equal([AlertKind.Recovery, AlertKind.Regression], stored!.Deliveries.Select(d => d.Kind));
    }

    [Fact]
    public async Task A_webhook_that_is_down_is_retried_then_recorded_and_the_activity_still_succeeds()
    {
        stored = Record(await MonitorWithWebhookAsync([.. Enumerable.Repeat(500, 10)]), SlowAudit(1)).Single().Monitor;

        Assert.True(await RecordAsync(SlowAudit(2)));

        var delivery = Assert.Single(stored!.Deliveries);
        Assert.Equal((false, 4, 500), (delivery.Delivered, delivery.Attempts, delivery.StatusCode));
        Assert.Equal(4, webhook.Received.Count);
        Assert.Empty(stored.Alerts.PendingNotices);
        Assert.True(stored.Alerts.Open);
    }

    [Fact]
    public async Task A_notice_left_pending_by_a_host_that_died_is_sent_when_the_activity_is_retried()
    {
        // Audit 2 was recorded with its regression; the host died before sending it.
        stored = Record(await MonitorWithWebhookAsync(), SlowAudit(1), SlowAudit(2))[1].Monitor;

        Assert.True(await RecordAsync(SlowAudit(2)));

        Assert.Equal([AlertKind.Regression], KindsReceived);
        Assert.Equal(2, stored!.History.Count);
        Assert.Single(stored.Deliveries);
        Assert.Empty(stored.Alerts.PendingNotices);
    }

    [Fact]
    public async Task The_same_audit_recorded_twice_alerts_once()
    {
        stored = await MonitorWithWebhookAsync();

        foreach (var audit in new[] { SlowAudit(1), SlowAudit(2), SlowAudit(2) })
        {
            await RecordAsync(audit);
        }

        Assert.Single(webhook.Received);
        Assert.Single(stored!.Deliveries);
    }

    [Fact]
    public async Task A_monitor_deleted_while_its_audit_ran_records_and_sends_nothing()
    {
        await MonitorWithWebhookAsync();
        stored = null;

        Assert.False(await RecordAsync(SlowAudit(2)));

        Assert.Empty(webhook.Received);
    }
}

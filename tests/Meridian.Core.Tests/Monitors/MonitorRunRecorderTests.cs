using System.Text.Json;
using Meridian.Core.Audits;
using Meridian.Core.Monitors;
using Meridian.Core.Monitors.Alerts;
using Meridian.Core.Tests.Monitors.Alerts;
using static Meridian.Core.Tests.Monitors.Alerts.AlertTestData;

namespace Meridian.Core.Tests.Monitors;

public class MonitorRunRecorderTests
{
    [Fact]
    public void A_single_breach_does_not_alert()
    {
        var recording = Record(Monitor(), SlowAudit(1)).Single();

        Assert.True(recording.Changed);
        Assert.Null(recording.Notice);
        Assert.Equal(1, recording.Monitor.Alerts.ConsecutiveBreaches);
        Assert.False(recording.Monitor.Alerts.Open);
        Assert.Empty(recording.Monitor.Alerts.PendingNotices);
        Assert.Equal(["syd: LCP 4,210 ms is above 2,500 ms"], recording.Monitor.History.Single().Breaches);
    }

    [Fact]
    public void Two_consecutive_breaches_alert_once_and_keep_the_notice_pending_until_delivered()
    {
        var second = Record(Monitor(), SlowAudit(1), SlowAudit(2))[1];

        var notice = Assert.IsType<AlertNotice>(second.Notice);
        Assert.Equal(AlertKind.Regression, notice.Kind);
        Assert.Equal(AuditId(2), notice.AuditId);
        Assert.Equal(["syd: LCP 4,210 ms is above 2,500 ms"], notice.Breaches);
        Assert.Equal(0.9, notice.MedianPerformanceScore);
        Assert.Equal(Now.AddMinutes(30), notice.At);
        Assert.True(second.Monitor.Alerts.Open);
        Assert.Equal(Now.AddMinutes(30), second.Monitor.Alerts.OpenedAt);
        Assert.Equal([notice], second.Monitor.Alerts.PendingNotices);
    }

    [Fact]
    public void A_third_breach_in_a_row_sends_nothing_more()
    {
        var recordings = Record(Monitor(), SlowAudit(1), SlowAudit(2), SlowAudit(3));

        Assert.Equal([null, AlertKind.Regression, null], recordings.Select(r => r.Notice?.Kind));
        Assert.Equal(3, recordings[2].Monitor.Alerts.ConsecutiveBreaches);
        Assert.Single(recordings[2].Monitor.Alerts.PendingNotices);
    }

    [Fact]
    public void Breaches_that_are_not_consecutive_never_alert()
    {
        var recordings = Record(Monitor(), SlowAudit(1), FastAudit(2), SlowAudit(3), FastAudit(4));

        Assert.All(recordings, recording => Assert.Null(recording.Notice));
        Assert.Equal([1, 0, 1, 0], recordings.Select(r => r.Monitor.Alerts.ConsecutiveBreaches));
    }

    [Fact]
    public void Recovery_notifies_once_when_the_breach_clears()
    {
        var recordings = Record(Monitor(), SlowAudit(1), SlowAudit(2), FastAudit(3), FastAudit(4));

        Assert.Equal([null, AlertKind.Regression, AlertKind.Recovery, null], recordings.Select(r => r.Notice?.Kind));
        var recovery = recordings[2].Notice!;
        Assert.Equal(AuditId(3), recovery.AuditId);
        Assert.Empty(recovery.Breaches);
        var alerts = recordings[3].Monitor.Alerts;
        Assert.False(alerts.Open);
        Assert.Null(alerts.OpenedAt);
        Assert.Equal(0, alerts.ConsecutiveBreaches);
    }

    [Fact]
    public void A_regression_never_sent_goes_out_before_its_recovery()
    {
        var recordings = Record(Monitor(), SlowAudit(1), SlowAudit(2), FastAudit(3));

        Assert.Equal(
            [(AlertKind.Regression, AuditId(2)), (AlertKind.Recovery, AuditId(3))],
            recordings[2].Monitor.Alerts.PendingNotices.Select(n => (n.Kind, n.AuditId)));
    }

    [Fact]
    public void An_audit_without_a_completed_region_is_kept_in_the_history_and_moves_no_streak()
    {
        var recordings = Record(Monitor(), SlowAudit(1), FailedAudit(2), SlowAudit(3), FailedAudit(4));

        Assert.Equal([1, 1, 2, 2], recordings.Select(r => r.Monitor.Alerts.ConsecutiveBreaches));
        Assert.Equal([null, null, AlertKind.Regression, null], recordings.Select(r => r.Notice?.Kind));
        Assert.True(recordings[3].Monitor.Alerts.Open, "an audit that measured nothing must not count as a recovery");
        var failed = recordings[3].Monitor.History[0];
        Assert.Equal(AuditId(4), failed.AuditId);
        Assert.Null(failed.MedianPerformanceScore);
        Assert.Empty(failed.Breaches);
        Assert.Equal([RegionStatus.Failed, RegionStatus.TimedOut, RegionStatus.Unavailable], failed.Regions.Select(r => r.Status));
    }

    [Fact]
    public void Applying_the_same_audit_again_changes_nothing()
    {
        var once = Record(Monitor(), SlowAudit(1), SlowAudit(2))[1].Monitor;

        var again = MonitorRunRecorder.Apply(once, SlowAudit(2), Now.AddHours(1));

        Assert.False(again.Changed);
        Assert.Null(again.Notice);
        Assert.Same(once, again.Monitor);
    }

    [Fact]
    public void The_history_holds_each_regions_figures_newest_first()
    {
        var monitor = Record(Monitor(), FastAudit(1), Audit(2, Completed("iad", score: 0.71, lcpMs: 2100, tbtMs: 340, cls: 0.12), Failed("syd")))[1].Monitor;

        Assert.Equal([AuditId(2), AuditId(1)], monitor.History.Select(run => run.AuditId));
        var run = monitor.History[0];
        Assert.Equal(new DateTimeOffset(Now.UtcDateTime.AddMinutes(32)), run.CompletedAt);
        Assert.Equal(0.71, run.MedianPerformanceScore);
        Assert.Equal(
            [new MonitorRegionRun("iad", RegionStatus.Completed, 0.71, 2100, 340, 0.12), new MonitorRegionRun("syd", RegionStatus.Failed, null, null, null, null)],
            run.Regions);
    }

    [Fact]
    public void The_history_keeps_the_newest_runs_up_to_its_cap()
    {
        var audits = Enumerable.Range(1, MonitorDocument.MaxHistory + 3).Select(FastAudit).ToArray();

        var monitor = Record(Monitor(), audits)[^1].Monitor;

        Assert.Equal(MonitorDocument.MaxHistory, monitor.History.Count);
        Assert.Equal(AuditId(MonitorDocument.MaxHistory + 3), monitor.History[0].AuditId);
        Assert.Equal(AuditId(4), monitor.History[^1].AuditId);
    }

    [Fact]
    public void An_audit_finishing_after_a_later_one_is_placed_by_its_completion_time()
    {
        var monitor = Record(Monitor(), FastAudit(1), FastAudit(3), FastAudit(2))[^1].Monitor;

        Assert.Equal([AuditId(3), AuditId(2), AuditId(1)], monitor.History.Select(run => run.AuditId));
    }

    [Fact]
    public void Overall_limits_hold_against_the_median_score_and_the_worst_region()
    {
        var thresholds = new AlertThresholds(Overall: new MetricLimits(MinPerformanceScore: 0.8, MaxLcpMs: 2500));
        var audit = Audit(1, Completed("iad", score: 0.95, lcpMs: 1800), Completed("lhr", score: 0.62, lcpMs: 2600), Completed("syd", score: 0.5, lcpMs: 4210));

        var run = Record(Monitor(thresholds), audit).Single().Monitor.History.Single();

        Assert.Equal(
            ["overall: median performance score 0.62 is below 0.80", "overall: worst LCP 4,210 ms (syd) is above 2,500 ms"],
            run.Breaches);
    }

    [Fact]
    public void One_slow_region_breaks_a_limit_for_each_region_but_not_the_same_limit_on_the_median()
    {
        var audit = Audit(1, Completed("iad", score: 0.95), Completed("lhr", score: 0.9), Completed("syd", score: 0.5));

        var overall = Record(Monitor(new AlertThresholds(Overall: new MetricLimits(MinPerformanceScore: 0.8))), audit).Single();
        var eachRegion = Record(Monitor(new AlertThresholds(EachRegion: new MetricLimits(MinPerformanceScore: 0.8))), audit).Single();

        Assert.Empty(overall.Monitor.History.Single().Breaches);
        Assert.Equal(["syd: performance score 0.50 is below 0.80"], eachRegion.Monitor.History.Single().Breaches);
    }

    [Fact]
    public void A_monitor_without_thresholds_records_its_history_and_closes_any_alert_silently()
    {
        var alerting = Record(Monitor(), SlowAudit(1), SlowAudit(2))[1].Monitor;
        var silenced = alerting with { Definition = alerting.Definition with { Thresholds = null, WebhookUrl = null } };

        var recording = MonitorRunRecorder.Apply(silenced, SlowAudit(3), Now.AddHours(1));

        Assert.Null(recording.Notice);
        Assert.False(recording.Monitor.Alerts.Open);
        Assert.Equal(0, recording.Monitor.Alerts.ConsecutiveBreaches);
        Assert.Empty(recording.Monitor.History[0].Breaches);
    }

    [Fact]
    public void A_recorded_delivery_takes_its_notice_off_the_pending_list_and_leads_the_deliveries()
    {
        var monitor = Record(Monitor(), SlowAudit(1), SlowAudit(2), FastAudit(3))[^1].Monitor;
        var regression = monitor.Alerts.PendingNotices[0];
        var delivery = new AlertDelivery(regression.Kind, regression.AuditId, Now.AddHours(1), Delivered: true, Attempts: 1, StatusCode: 200, Error: null);

        var recorded = MonitorRunRecorder.RecordDelivery(monitor, regression, delivery);

        Assert.Equal([AlertKind.Recovery], recorded.Alerts.PendingNotices.Select(n => n.Kind));
        Assert.Equal([delivery], recorded.Deliveries);
    }

    [Fact]
    public void Deliveries_keep_the_newest_up_to_their_cap()
    {
        var notice = new AlertNotice(AlertKind.Regression, AuditId(1), Now, [], 0.5);
        var monitor = Monitor();
        for (var i = 0; i < MonitorDocument.MaxDeliveries + 2; i++)
        {
            monitor = MonitorRunRecorder.RecordDelivery(monitor, notice, new AlertDelivery(notice.Kind, AuditId(i), Now.AddMinutes(i), true, 1, 200, null));
        }

        Assert.Equal(MonitorDocument.MaxDeliveries, monitor.Deliveries.Count);
        Assert.Equal(AuditId(MonitorDocument.MaxDeliveries + 1), monitor.Deliveries[0].AuditId);
    }

    [Fact]
    public void Pending_notices_survive_the_monitor_being_written_as_json_and_read_back()
    {
        var monitor = Record(Monitor(), SlowAudit(1), SlowAudit(2), FastAudit(3))[^1].Monitor;
        var json = new JsonSerializerOptions(JsonSerializerDefaults.Web);

        var read = JsonSerializer.Deserialize<MonitorDocument>(JsonSerializer.Serialize(monitor, json), json)!;

        Assert.Equal(
            monitor.Alerts.PendingNotices.Select(n => (n.Kind, n.AuditId, n.At, n.MedianPerformanceScore, string.Join("|", n.Breaches))),
            read.Alerts.PendingNotices.Select(n => (n.Kind, n.AuditId, n.At, n.MedianPerformanceScore, string.Join("|", n.Breaches))));
        Assert.Equal(2, read.Alerts.PendingNotices.Count);
    }

    [Fact]
    public void A_monitor_stored_before_notices_were_kept_reads_with_none_pending()
    {
        var json = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        var written = JsonSerializer.Serialize(Monitor(), json).Replace(",\"pendingNotices\":[]", string.Empty, StringComparison.Ordinal);

        var read = JsonSerializer.Deserialize<MonitorDocument>(written, json)!;

        Assert.DoesNotContain("pendingNotices", written, StringComparison.Ordinal);
        Assert.Empty(read.Alerts.PendingNotices);
    }
}

using Meridian.Core.Audits;
using Meridian.Core.Monitors.Alerts;
using Meridian.Core.Regions;

namespace Meridian.Core.Monitors;

/// <summary>What recording one audit did to its monitor.</summary>
/// <param name="Monitor">The monitor with the audit recorded; the given instance when <paramref name="Changed"/> is false.</param>
/// <param name="Changed">False when the audit was recorded before (a retried activity): there is nothing to write.</param>
/// <param name="Notice">The notice the audit raised, also queued in the monitor's <see cref="MonitorAlertState.PendingNotices"/>; null when none.</param>
public sealed record MonitorRunRecording(MonitorDocument Monitor, bool Changed, AlertNotice? Notice);

/// <summary>
/// Records a monitor's finished audits and moves its alert on. Pure: the store applies it under the
/// blob's ETag, and again when another writer got in between.
/// The rule: a breach in <see cref="BreachesToAlert"/> audits in a row opens an alert with one
/// regression notice (one noisy audit pages nobody, a third breach sends nothing more); the first
/// audit without a breach closes it with a recovery notice. An audit in which no region completed
/// says nothing about speed: it is kept in the history and leaves the streak as it was.
/// </summary>
public static class MonitorRunRecorder
{
    public const int BreachesToAlert = 2;

    /// <param name="now">When the audit is recorded: the time of a notice it raises.</param>
    public static MonitorRunRecording Apply(MonitorDocument monitor, AuditReport report, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(monitor);
        ArgumentNullException.ThrowIfNull(report);

        // The history is the record of what was counted: an audit already there was counted once.
        if (monitor.History.Any(run => run.AuditId == report.AuditId))
        {
            return new MonitorRunRecording(monitor, Changed: false, Notice: null);
        }

        var thresholds = monitor.Definition.Thresholds;
        var completed = report.Regions.Where(region => region.Status == RegionStatus.Completed && region.Summary is not null).Select(RegionRunOf).ToList();
        var run = new MonitorRun(
            report.AuditId,
            new DateTimeOffset(DateTime.SpecifyKind(report.CompletedAt, DateTimeKind.Utc)),
            report.Aggregates.MedianPerformanceScore,
            report.Regions.Select(RegionRunOf).ToList(),
            ThresholdBreaches.Find(thresholds, completed, report.Aggregates.MedianPerformanceScore));

        var (alerts, notice) = thresholds is null
            ? (monitor.Alerts with { ConsecutiveBreaches = 0, Open = false, OpenedAt = null }, null)
            : completed.Count == 0
                ? (monitor.Alerts, null)
                : Advance(monitor.Alerts, run, now);

        // Audits of one monitor can overlap and finish out of order; the history reads by completion.
        var history = monitor.History.Prepend(run).OrderByDescending(entry => entry.CompletedAt).Take(MonitorDocument.MaxHistory).ToList();
        return new MonitorRunRecording(monitor with { History = history, Alerts = alerts }, Changed: true, notice);
    }

    /// <summary>Records a delivery (newest first, at most <see cref="MonitorDocument.MaxDeliveries"/>) and takes its notice off the pending list.</summary>
    public static MonitorDocument RecordDelivery(MonitorDocument monitor, AlertNotice notice, AlertDelivery delivery)
    {
        ArgumentNullException.ThrowIfNull(monitor);
        ArgumentNullException.ThrowIfNull(notice);
        ArgumentNullException.ThrowIfNull(delivery);
        var pending = monitor.Alerts.PendingNotices.Where(waiting => !IsSame(waiting, notice)).ToList();
        return monitor with
        {
            Alerts = monitor.Alerts with { PendingNotices = pending },
            Deliveries = [delivery, .. monitor.Deliveries.Take(MonitorDocument.MaxDeliveries - 1)],
        };
    }

    private static (MonitorAlertState Alerts, AlertNotice? Notice) Advance(MonitorAlertState alerts, MonitorRun run, DateTimeOffset now)
    {
        if (run.Breaches.Count > 0)
        {
            var streak = alerts.ConsecutiveBreaches + 1;
            if (streak < BreachesToAlert || alerts.Open)
            {
                return (alerts with { ConsecutiveBreaches = streak }, null);
            }

            var regression = new AlertNotice(AlertKind.Regression, run.AuditId, now, run.Breaches, run.MedianPerformanceScore);
            return (alerts with { ConsecutiveBreaches = streak, Open = true, OpenedAt = now, PendingNotices = Queue(alerts, regression) }, regression);
        }

        if (!alerts.Open)
        {
            return (alerts with { ConsecutiveBreaches = 0 }, null);
        }

        var recovery = new AlertNotice(AlertKind.Recovery, run.AuditId, now, [], run.MedianPerformanceScore);
        return (alerts with { ConsecutiveBreaches = 0, Open = false, OpenedAt = null, PendingNotices = Queue(alerts, recovery) }, recovery);
    }

    // Notices wait in order: a regression that was never sent still goes out before its recovery.
    private static List<AlertNotice> Queue(MonitorAlertState alerts, AlertNotice notice) =>
        [.. alerts.PendingNotices.Append(notice).TakeLast(MonitorAlertState.MaxPendingNotices)];

    private static bool IsSame(AlertNotice a, AlertNotice b) => a.Kind == b.Kind && a.AuditId == b.AuditId;

    private static MonitorRegionRun RegionRunOf(RegionOutcome region) =>
        new(
            region.Region,
            region.Status,
            region.Summary?.PerformanceScore,
            region.Summary?.LargestContentfulPaintMs,
            region.Summary?.TotalBlockingTimeMs,
            region.Summary?.CumulativeLayoutShift);
}

using Meridian.Core.Audits;
using Meridian.Core.Monitors.Alerts;
using Meridian.Core.Regions;

namespace Meridian.Core.Monitors;

/// <summary>
/// A monitor as kept in storage (<c>monitors/{monitorId}.json</c>): the user's definition and what
/// Meridian keeps about it. Three writers update it — the API (the definition), the scheduler
/// (<see cref="Schedule"/>) and the result recorder (<see cref="History"/>, <see cref="Alerts"/>,
/// <see cref="Deliveries"/>) — each as a read-change-write under the blob's ETag. The API's own
/// concurrency token is <see cref="Revision"/>, which only a change of the definition moves, so a
/// user's update never fails because the scheduler ticked.
/// </summary>
/// <param name="Revision">1 on creation, +1 on each PUT; the API's ETag is derived from it.</param>
/// <param name="History">Recent audits, newest first, at most <see cref="MaxHistory"/>.</param>
/// <param name="Deliveries">Recent alert deliveries, newest first, at most <see cref="MaxDeliveries"/>.</param>
public sealed record MonitorDocument(
    string MonitorId,
    MonitorDefinition Definition,
    int Revision,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    MonitorScheduleState Schedule,
    IReadOnlyList<MonitorRun> History,
    MonitorAlertState Alerts,
    IReadOnlyList<AlertDelivery> Deliveries)
{
    public const int MaxHistory = 50;
    public const int MaxDeliveries = 20;
}

/// <summary>The scheduler's part of a monitor.</summary>
/// <param name="NextDueAt">The next slot to start; null while the monitor is disabled.</param>
/// <param name="LastSlotAt">The last slot an audit was started for.</param>
/// <param name="LastAuditId">That audit's id.</param>
/// <param name="LastError">Why the last start failed, when it did (the slot is then tried again).</param>
/// <param name="ClaimedAt">When a tick claimed <paramref name="LastSlotAt"/>; null in documents written before it was kept.</param>
public sealed record MonitorScheduleState(
    DateTimeOffset? NextDueAt,
    DateTimeOffset? LastSlotAt = null,
    string? LastAuditId = null,
    string? LastError = null,
    DateTimeOffset? ClaimedAt = null);

/// <summary>One finished audit of a monitor, as its history shows it.</summary>
/// <param name="MedianPerformanceScore">Across the completed regions; null when none completed.</param>
/// <param name="Breaches">The thresholds this audit broke, one sentence each; empty when none.</param>
public sealed record MonitorRun(
    string AuditId,
    DateTimeOffset CompletedAt,
    double? MedianPerformanceScore,
    IReadOnlyList<MonitorRegionRun> Regions,
    IReadOnlyList<string> Breaches);

/// <summary>One region of a monitor's audit: its outcome and main metrics.</summary>
public sealed record MonitorRegionRun(
    string Region,
    Audits.RegionStatus Status,
    double? PerformanceScore,
    double? LargestContentfulPaintMs,
    double? TotalBlockingTimeMs,
    double? CumulativeLayoutShift);

/// <summary>
/// Where the monitor stands on alerts: how many audits in a row breached, and whether an alert is
/// open (sent, not yet recovered). An alert opens on the second breach in a row; a recovery notice
/// closes it on the first audit without a breach.
/// </summary>
public sealed record MonitorAlertState(int ConsecutiveBreaches = 0, bool Open = false, DateTimeOffset? OpenedAt = null)
{
    public const int MaxPendingNotices = 10;

    /// <summary>
    /// Notices decided but not yet recorded as delivered, oldest first. They are written with the audit
    /// that raised them, so a process that dies before sending loses nothing: the retried activity sends
    /// them. At most <see cref="MaxPendingNotices"/> (the oldest are dropped).
    /// </summary>
    public IReadOnlyList<AlertNotice> PendingNotices { get; init; } = [];
}

/// <summary>One attempt to tell the webhook something: recorded whether it arrived or not.</summary>
/// <param name="Kind"><see cref="AlertKind.Regression"/> or <see cref="AlertKind.Recovery"/>.</param>
/// <param name="AuditId">The audit that raised the notice.</param>
/// <param name="At">When the delivery ended (delivered or given up).</param>
/// <param name="Attempts">HTTP attempts made (retries included).</param>
/// <param name="StatusCode">The webhook's last answer; null when none came (refused target, network fault, timeout).</param>
/// <param name="Error">Why it did not arrive; null when it did. Never holds the signature or the signing key.</param>
public sealed record AlertDelivery(
    string Kind,
    string AuditId,
    DateTimeOffset At,
    bool Delivered,
    int Attempts,
    int? StatusCode,
    string? Error);

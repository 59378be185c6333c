using Meridian.Contract.Jobs;
using Meridian.Core.Monitors.Alerts;

namespace Meridian.Core.Monitors.Api;

/// <summary>A monitor as the API shows it: the definition as it was validated, and what Meridian keeps about it.</summary>
/// <param name="IntervalMinutes">Set when the schedule is an interval; <paramref name="Cron"/> is then null, and the other way round.</param>
/// <param name="WebhookSecret">
/// The key the monitor's webhooks are signed with (base64url), for the receiver to verify them; null
/// without a webhook, and in lists (a page of monitors does not carry a page of secrets).
/// </param>
/// <param name="Revision">Moves on each PUT; the ETag is this number, quoted.</param>
/// <param name="NextDueAt">The next scheduled audit; null while disabled.</param>
/// <param name="LastAuditId">The latest audit the scheduler started (<c>GET /api/audits/{id}</c>).</param>
/// <param name="LastError">Why the scheduler could not start the last due audit (it tries again next minute); null when it could.</param>
public sealed record MonitorView(
    string Id,
    string? Name,
    string Url,
    IReadOnlyList<string> Regions,
    FormFactor FormFactor,
    int Runs,
    int? IntervalMinutes,
    string? Cron,
    bool Enabled,
    AlertThresholds? Thresholds,
    string? WebhookUrl,
    string? WebhookSecret,
    int Revision,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? NextDueAt,
    string? LastAuditId,
    string? LastError)
{
    /// <param name="masterKey">The app's signing master key, to derive the webhook secret; null to leave the secret out.</param>
    public static MonitorView From(MonitorDocument monitor, byte[]? masterKey)
    {
        ArgumentNullException.ThrowIfNull(monitor);
        var definition = monitor.Definition;
        var secret = masterKey is not null && definition.WebhookUrl is not null
            ? WebhookSigningKey.ToText(WebhookSigningKey.Derive(masterKey, monitor.MonitorId))
            : null;
        return new MonitorView(
            monitor.MonitorId,
            definition.Name,
            definition.Url.AbsoluteUri,
            definition.Regions,
            definition.FormFactor,
            definition.Runs,
            definition.Schedule.IntervalMinutes,
            definition.Schedule.Cron,
            definition.Enabled,
            definition.Thresholds,
            definition.WebhookUrl?.AbsoluteUri,
            secret,
            monitor.Revision,
            monitor.CreatedAt,
            monitor.UpdatedAt,
            monitor.Schedule.NextDueAt,
            monitor.Schedule.LastAuditId,
            monitor.Schedule.LastError);
    }
}

/// <summary><c>GET /api/monitors</c>: monitors in id (creation) order.</summary>
/// <param name="ContinuationToken">Pass it back for the next page; null on the last page.</param>
public sealed record MonitorViewPage(IReadOnlyList<MonitorView> Items, string? ContinuationToken);

/// <summary><c>GET /api/monitors/{id}/history</c>: recent audits (newest first), where alerting stands, and recent alert deliveries.</summary>
public sealed record MonitorHistoryView(string Id, IReadOnlyList<MonitorRun> Runs, MonitorAlertState Alerts, IReadOnlyList<AlertDelivery> Deliveries)
{
    public static MonitorHistoryView From(MonitorDocument monitor)
    {
        ArgumentNullException.ThrowIfNull(monitor);
        return new MonitorHistoryView(monitor.MonitorId, monitor.History, monitor.Alerts, monitor.Deliveries);
    }
}

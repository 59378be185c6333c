using Meridian.Contract.Jobs;
using Meridian.Core.Monitors.Alerts;

namespace Meridian.Core.Monitors;

/// <summary>
/// A monitor as a user sends it (POST creates, PUT replaces), before validation. Every member is
/// optional here so <see cref="MonitorRequestValidator"/> can report every problem at once.
/// </summary>
/// <param name="Url">The page to audit (http or https), checked by the same SSRF guard as an audit.</param>
/// <param name="Regions">Fly region codes; null means the default regions.</param>
/// <param name="FormFactor">"mobile" (default) or "desktop".</param>
/// <param name="Runs">Lighthouse runs per region, odd from 1 to 9 (default 3).</param>
/// <param name="IntervalMinutes">Every this many minutes, 5 to 10080 (7 days). Exactly one of this and <paramref name="Cron"/>.</param>
/// <param name="Cron">A five-field CRON expression in UTC (minute hour day-of-month month day-of-week).</param>
/// <param name="Enabled">Whether the scheduler starts its audits (default true).</param>
/// <param name="Thresholds">When to alert; null for no alerts.</param>
/// <param name="WebhookUrl">Where alerts are POSTed (http or https, not a private address); required with thresholds.</param>
/// <param name="Name">A label for people, at most 100 characters.</param>
public sealed record MonitorRequest(
    string? Url,
    IReadOnlyList<string>? Regions = null,
    string? FormFactor = null,
    int? Runs = null,
    int? IntervalMinutes = null,
    string? Cron = null,
    bool? Enabled = null,
    AlertThresholds? Thresholds = null,
    string? WebhookUrl = null,
    string? Name = null);

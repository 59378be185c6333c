using Meridian.Contract.Jobs;
using Meridian.Core.Audits;
using Meridian.Core.Monitors.Alerts;

namespace Meridian.Core.Monitors;

/// <summary>A validated monitor: what the scheduler runs and the alerts check. Built only by <see cref="MonitorRequestValidator"/>.</summary>
/// <param name="Url">Absolute http(s) URL whose host passed the target guard.</param>
/// <param name="Regions">Distinct, known, lower-case region codes.</param>
/// <param name="Thresholds">Null when the monitor never alerts.</param>
/// <param name="WebhookUrl">Set whenever <paramref name="Thresholds"/> is.</param>
public sealed record MonitorDefinition(
    string? Name,
    Uri Url,
    IReadOnlyList<string> Regions,
    FormFactor FormFactor,
    int Runs,
    MonitorSchedule Schedule,
    bool Enabled,
    AlertThresholds? Thresholds,
    Uri? WebhookUrl)
{
    /// <summary>What each of its audits runs (monitor audits use the default deadline).</summary>
    public AuditSpec AuditSpec() => new(Url, Regions, FormFactor, Runs, Audits.AuditSpec.DefaultDeadline);
}

using Meridian.Core.Audits;
using Meridian.Core.Monitors;

namespace Meridian.Testing.Monitors;

/// <summary>Monitors for tests: valid by construction, one line each.</summary>
public static class SampleMonitors
{
    public static MonitorDefinition Definition(
        int? intervalMinutes = 15,
        string? cron = null,
        bool enabled = true,
        string url = "https://shop.example/",
        IReadOnlyList<string>? regions = null,
        AlertThresholds? thresholds = null,
        Uri? webhookUrl = null) =>
        new(
            Name: "shop home",
            Url: new Uri(url),
            Regions: regions ?? ["iad", "lhr"],
            FormFactor: FormFactor.Mobile,
            Runs: 1,
            Schedule: new MonitorSchedule(cron is null ? intervalMinutes : null, cron),
            Enabled: enabled,
            Thresholds: thresholds,
            WebhookUrl: webhookUrl ?? (thresholds is null ? null : new Uri("https://hooks.example/meridian")));

    /// <summary>A new monitor as the API creates it at <paramref name="now"/>: revision 1, next due after now (null when disabled).</summary>
    public static MonitorDocument Document(string monitorId, MonitorDefinition definition, DateTimeOffset now) =>
        new(
            monitorId,
            definition,
            Revision: 1,
            CreatedAt: now,
            UpdatedAt: now,
            Schedule: new MonitorScheduleState(definition.Enabled ? definition.Schedule.NextAfter(now, monitorId) : null),
            History: [],
            Alerts: new MonitorAlertState(),
            Deliveries: []);
}

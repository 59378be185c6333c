using Meridian.Contract.Jobs;
using Meridian.Core.Ids;
using Meridian.Core.Monitors;
using Meridian.Core.Monitors.Alerts;

namespace Meridian.Testing.Monitors;

/// <summary>Monitor ids, definitions and documents for tests: small, valid, and easy to vary one field at a time.</summary>
public static class SampleMonitors
{
    public static readonly DateTimeOffset Day = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    /// <summary>A monitor id made at <paramref name="createdAt"/>, like <see cref="MonitorIds.New"/> at that time.</summary>
    public static string IdAt(DateTimeOffset createdAt) => "mon-" + Guid.CreateVersion7(createdAt).ToString("N");

    public static MonitorDefinition Definition(
        string url = "https://shop.example/",
        int? intervalMinutes = 15,
        string? cron = null,
        bool enabled = true,
        AlertThresholds? thresholds = null,
        string? webhookUrl = null,
        string? name = "Shop home") =>
        new(
            name,
            new Uri(url),
            ["iad", "lhr"],
            FormFactor.Mobile,
            Runs: 3,
            new MonitorSchedule(intervalMinutes, cron),
            enabled,
            thresholds,
            webhookUrl is null ? null : new Uri(webhookUrl));

    /// <summary>A stored monitor at revision <paramref name="revision"/>, due at <paramref name="nextDueAt"/> (none when null).</summary>
    public static MonitorDocument Document(string monitorId, DateTimeOffset? nextDueAt = null, MonitorDefinition? definition = null, int revision = 1) =>
        new(
            monitorId,
            definition ?? Definition(),
            revision,
            Day,
            Day,
            new MonitorScheduleState(nextDueAt),
            History: [],
            new MonitorAlertState(),
            Deliveries: []);

    /// <summary>A new monitor as the API creates it at <paramref name="now"/>: revision 1, due at its first slot after now (never when disabled).</summary>
    public static MonitorDocument NewAt(string monitorId, MonitorDefinition definition, DateTimeOffset now) =>
        new(
            monitorId,
            definition,
            Revision: 1,
            CreatedAt: now,
            UpdatedAt: now,
            new MonitorScheduleState(definition.Enabled ? definition.Schedule.NextAfter(now, monitorId) : null),
            History: [],
            new MonitorAlertState(),
            Deliveries: []);
}

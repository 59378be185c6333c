namespace Meridian.Core.Monitors;

/// <summary>What the API stores when a user creates or replaces a monitor: the definition, its revision, and its next slot.</summary>
public static class MonitorDocuments
{
    /// <summary>Revision 1, no history; due at the schedule's first slot after <paramref name="now"/>, or never while disabled.</summary>
    public static MonitorDocument New(string monitorId, MonitorDefinition definition, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var nextDueAt = definition.Enabled ? definition.Schedule.NextAfter(now, monitorId) : (DateTimeOffset?)null;
        return new MonitorDocument(monitorId, definition, 1, now, now, new MonitorScheduleState(nextDueAt), [], new MonitorAlertState(), []);
    }

    /// <summary>
    /// The definition replaced and the revision moved on; history, alerts and the scheduler's record
    /// kept. The next slot is worked out again only when the schedule or <see cref="MonitorDefinition.Enabled"/>
    /// changed, so an edit of, say, the regions neither skips nor repeats a slot.
    /// </summary>
    public static MonitorDocument Replace(MonitorDocument current, MonitorDefinition definition, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(definition);
        var rescheduled = definition.Schedule != current.Definition.Schedule || definition.Enabled != current.Definition.Enabled;
        var nextDueAt = !definition.Enabled ? null
            : rescheduled || current.Schedule.NextDueAt is null ? definition.Schedule.NextAfter(now, current.MonitorId)
            : current.Schedule.NextDueAt;
        return current with
        {
            Definition = definition,
            Revision = current.Revision + 1,
            UpdatedAt = now,
            Schedule = current.Schedule with { NextDueAt = nextDueAt },
        };
    }
}

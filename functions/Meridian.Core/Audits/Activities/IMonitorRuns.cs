namespace Meridian.Core.Audits.Activities;

/// <summary>Where the audit of a monitor reports when it finishes; the monitors feature keeps the history and sends the alerts.</summary>
public interface IMonitorRuns
{
    /// <summary>Records the finished audit for the monitor; safe to repeat. False when the monitor no longer exists.</summary>
    Task<bool> RecordAsync(string monitorId, AuditReport report, CancellationToken cancellationToken);
}

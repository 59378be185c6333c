namespace Meridian.Core.Audits.Activities;

/// <param name="MonitorId">The monitor that scheduled the audit.</param>
/// <param name="Report">The finished audit, as stored.</param>
public sealed record RecordMonitorResultInput(string MonitorId, AuditReport Report);

/// <summary>Hands a monitor's finished audit to the monitors (<see cref="IMonitorRuns"/>): its history, then its alerts.</summary>
public sealed class RecordMonitorResultActivity(IMonitorRuns monitors) : CancellableActivity<RecordMonitorResultInput, bool>
{
    /// <returns>False when the monitor no longer exists (deleted while its audit ran): nothing is recorded or sent.</returns>
    public override Task<bool> RunAsync(RecordMonitorResultInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        return monitors.RecordAsync(input.MonitorId, input.Report, cancellationToken);
    }
}

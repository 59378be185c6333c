using Meridian.Core.Audits;
using Meridian.Core.Monitors;

namespace Meridian.Core.Activities;

/// <param name="MonitorId">The monitor that scheduled the audit.</param>
/// <param name="Report">The finished audit, as stored.</param>
public sealed record RecordMonitorResultInput(string MonitorId, AuditReport Report);

/// <summary>
/// Adds a monitor's finished audit to its history, then sends the alert notices waiting on it and
/// records each delivery. The notice is written before it is sent, so a host that dies in between
/// loses nothing: the retried activity finds the audit recorded and the notice still pending, and
/// sends it. A webhook that fails is recorded as such and does not fail the activity.
/// </summary>
public sealed class RecordMonitorResultActivity(IMonitorStore monitors, AlertWebhookSender webhooks, TimeProvider time)
    : CancellableActivity<RecordMonitorResultInput, bool>
{
    /// <returns>False when the monitor no longer exists (deleted while its audit ran): nothing is recorded or sent.</returns>
    public override async Task<bool> RunAsync(RecordMonitorResultInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var recordedAt = time.GetUtcNow();
        var monitor = await monitors.UpdateAsync(
            input.MonitorId,
            stored => MonitorRunRecorder.Apply(stored, input.Report, recordedAt) is { Changed: true } recording ? recording.Monitor : null,
            cancellationToken);

        if (monitor is null)
        {
            return false;
        }

        // Oldest first; each one's delivery is recorded before the next is sent.
        foreach (var notice in monitor.Alerts.PendingNotices)
        {
            var delivery = await webhooks.SendAsync(monitor, notice, cancellationToken);
            monitor = await monitors.UpdateAsync(
                input.MonitorId, stored => MonitorRunRecorder.RecordDelivery(stored, notice, delivery), cancellationToken);
            if (monitor is null)
            {
                return false;
            }
        }

        return true;
    }
}

using Meridian.Core.Audits;
using Meridian.Core.Audits.Activities;
using Meridian.Core.Monitors.Alerts;
using Meridian.Core.Monitors.Storage;

namespace Meridian.Core.Monitors;

/// <summary>
/// Adds a monitor's finished audit to its history, then sends the alert notices waiting on it and
/// records each delivery. The notice is written before it is sent, so a host that dies in between
/// loses nothing: the retried activity finds the audit recorded and the notice still pending, and
/// sends it. A webhook that fails is recorded as such and does not fail the call.
/// </summary>
public sealed class MonitorRuns(IMonitorStore monitors, AlertWebhookSender webhooks, TimeProvider time) : IMonitorRuns
{
    /// <returns>False when the monitor no longer exists (deleted while its audit ran): nothing is recorded or sent.</returns>
    public async Task<bool> RecordAsync(string monitorId, AuditReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        var recordedAt = time.GetUtcNow();
        var monitor = await monitors.UpdateAsync(
            monitorId,
            stored => MonitorRunRecorder.Apply(stored, report, recordedAt) is { Changed: true } recording ? recording.Monitor : null,
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
                monitorId, stored => MonitorRunRecorder.RecordDelivery(stored, notice, delivery), cancellationToken);
            if (monitor is null)
            {
                return false;
            }
        }

        return true;
    }
}

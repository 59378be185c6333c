using Meridian.Core.Audits;
using Meridian.Core.Ids;
using Meridian.Core.Monitors.Storage;
using Meridian.Core.Storage;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace Meridian.Core.Monitors;

/// <summary>
/// One scheduler tick, called every minute by the Functions app's timer trigger and by the local
/// host's hosted service. Finds the due monitors through the store's due index (never reading every
/// definition) and starts one audit per due slot. Safe to run twice at once or twice in a minute:
/// a slot is claimed under the monitor's ETag and its audit id is derived from monitor and slot, so
/// it starts at most once. After downtime a monitor runs once and its next slot is the first one
/// after now: a catch-up of one audit, never a burst.
/// </summary>
public sealed partial class MonitorScheduler(IMonitorStore monitors, AuditStarter starter, TimeProvider time, ILogger<MonitorScheduler> logger)
{
    /// <summary>How long a claimed slot is left to the tick that claimed it before another tick takes over its start: under the minute between ticks.</summary>
    public static readonly TimeSpan ClaimerGrace = TimeSpan.FromSeconds(45);

    /// <summary>Due monitors handled at once: storage round trips dominate, not CPU.</summary>
    public const int Parallelism = 16;

    public async Task<MonitorTickSummary> TickAsync(DurableTaskClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var now = time.GetUtcNow();
        var counts = new int[Enum.GetValues<DueOutcome>().Length];
        await Parallel.ForEachAsync(
            monitors.ListDueAsync(now, cancellationToken),
            new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken },
            async (marker, token) =>
            {
                DueOutcome outcome;
                try
                {
                    outcome = await HandleAsync(marker, now, client, token);
                }
                catch (Exception e) when (e is not OperationCanceledException || !token.IsCancellationRequested)
                {
                    // One monitor's storage trouble (a timeout included) must not stop the others; its marker stays for the next tick.
                    LogMonitorFailed(logger, marker.MonitorId, marker.DueAt, e);
                    outcome = DueOutcome.Failed;
                }

                Interlocked.Increment(ref counts[(int)outcome]);
            });

        var summary = new MonitorTickSummary(
            now, counts[(int)DueOutcome.Started], counts[(int)DueOutcome.AlreadyStarted], counts[(int)DueOutcome.Stale], counts[(int)DueOutcome.Failed]);
        if (summary.Started + summary.Failed > 0)
        {
            LogTick(logger, now, summary.Started, summary.AlreadyStarted, summary.Stale, summary.Failed);
        }

        return summary;
    }

    private async Task<DueOutcome> HandleAsync(DueMarker marker, DateTimeOffset now, DurableTaskClient client, CancellationToken cancellationToken)
    {
        var monitor = await monitors.GetAsync(marker.MonitorId, cancellationToken);
        if (monitor is null || !monitor.Definition.Enabled)
        {
            await monitors.DeleteDueMarkerAsync(marker, cancellationToken);
            return DueOutcome.Stale;
        }

        var slot = marker.DueAt;
        var auditId = MonitorIds.AuditIdForSlot(monitor.MonitorId, slot);
        if (monitor.Schedule.NextDueAt == slot)
        {
            if (!await ClaimAsync(monitor.MonitorId, slot, auditId, now, cancellationToken))
            {
                // Another tick claimed it first (and will start it), or the monitor changed meanwhile.
                return DueOutcome.AlreadyStarted;
            }
        }
        else if (monitor.Schedule.LastSlotAt != slot)
        {
            // The monitor was rescheduled or disabled since this marker was written.
            await monitors.DeleteDueMarkerAsync(marker, cancellationToken);
            return DueOutcome.Stale;
        }
        else if (monitor.Schedule.ClaimedAt is { } claimedAt && now - claimedAt < ClaimerGrace)
        {
            // Claimed moments ago by another tick, which is starting it (two hosts ticking at once). Starting
            // it here too would race that start: on Azure Storage the task hub's duplicate check and its create
            // are two steps. Should that tick die, a later one finds the marker and starts the slot.
            return DueOutcome.AlreadyStarted;
        }
        else if (await client.GetInstanceAsync(auditId, getInputsAndOutputs: false, cancellationToken) is not null)
        {
            // Claimed and started by an earlier tick that stopped before removing the marker.
            await monitors.DeleteDueMarkerAsync(marker, cancellationToken);
            return DueOutcome.AlreadyStarted;
        }

        // Claimed (now or by a tick that stopped before starting it): start it. The marker goes only
        // once the audit runs, so a crash in between leaves it for the next tick to finish.
        var started = await starter.StartAsync(monitor.Definition.AuditSpec(), auditId, monitor.MonitorId, client, cancellationToken);
        if (started == AuditStartOutcome.Failed)
        {
            await ReleaseAsync(monitor.MonitorId, slot, auditId, cancellationToken);
            return DueOutcome.Failed;
        }

        await monitors.DeleteDueMarkerAsync(marker, cancellationToken);
        return started == AuditStartOutcome.Started ? DueOutcome.Started : DueOutcome.AlreadyStarted;
    }

    /// <summary>Moves the monitor on to its next slot after now, if it is still due at <paramref name="slot"/>; true when this call did it.</summary>
    private async Task<bool> ClaimAsync(string monitorId, DateTimeOffset slot, string auditId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var claimed = false;
        var stored = await monitors.UpdateAsync(
            monitorId,
            current =>
            {
                // Re-run on every ETag retry: only the version that was written decides.
                claimed = current.Definition.Enabled && current.Schedule.NextDueAt == slot;
                return claimed
                    ? current with { Schedule = new MonitorScheduleState(current.Definition.Schedule.NextAfter(now, monitorId), slot, auditId, ClaimedAt: now) }
                    : null;
            },
            cancellationToken);

        // Null: the monitor was deleted after an attempt that lost its write had set the flag.
        return claimed && stored is not null;
    }

    /// <summary>Gives the slot back after a failed start, so the next tick tries it again (same audit id).</summary>
    private async Task ReleaseAsync(string monitorId, DateTimeOffset slot, string auditId, CancellationToken cancellationToken) =>
        await monitors.UpdateAsync(
            monitorId,
            current => current.Schedule.LastAuditId == auditId && current.Definition.Enabled
                ? current with { Schedule = current.Schedule with { NextDueAt = slot, LastError = "The audit could not be started; it is tried again at the next tick." } }
                : null,
            CancellationToken.None);

    private enum DueOutcome
    {
        Started,
        AlreadyStarted,
        Stale,
        Failed,
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Monitor {MonitorId} due at {DueAt:O} could not be handled; the next tick tries again")]
    private static partial void LogMonitorFailed(ILogger logger, string monitorId, DateTimeOffset dueAt, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Monitor tick at {Now:O}: {Started} started, {AlreadyStarted} already started, {Stale} stale markers, {Failed} failed")]
    private static partial void LogTick(ILogger logger, DateTimeOffset now, int started, int alreadyStarted, int stale, int failed);
}

/// <summary>What one tick did.</summary>
/// <param name="AlreadyStarted">Due slots another tick (or host) had already started.</param>
/// <param name="Stale">Markers of monitors that were deleted, disabled or rescheduled.</param>
/// <param name="Failed">Audits that could not be started; their slots are tried again next tick.</param>
public sealed record MonitorTickSummary(DateTimeOffset At, int Started, int AlreadyStarted, int Stale, int Failed);

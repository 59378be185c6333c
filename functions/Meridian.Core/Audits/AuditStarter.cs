using DurableTask.Core.Exceptions;
using Meridian.Contract.Jobs;
using Meridian.Core.Audits.Orchestration;
using Meridian.Core.Audits.Storage;
using Meridian.Core.Configuration;
using Meridian.Core.Machines;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Meridian.Core.Audits;

/// <summary>
/// Starts an audit the one way both starters share (the API for a user, the scheduler for a
/// monitor): its document first, so a started audit is always listed, then its orchestration. When
/// the start fails the document is removed again, so nothing is half-applied and the caller may retry.
/// </summary>
public sealed partial class AuditStarter(IAuditStore audits, IOptions<MeridianOptions> options, TimeProvider time, ILogger<AuditStarter> logger)
{
    /// <summary>
    /// Starts <paramref name="spec"/> as audit <paramref name="auditId"/>. An orchestration that already
    /// runs under that id counts as started (a monitor's slot started by another tick) and is left alone.
    /// </summary>
    /// <param name="monitorId">The monitor that scheduled it; null for a user's audit.</param>
    public async Task<AuditStartOutcome> StartAsync(AuditSpec spec, string auditId, string? monitorId, DurableTaskClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(client);
        var document = new AuditRecord(
            auditId, spec.Url.AbsoluteUri, spec.Regions, spec.FormFactor, spec.Runs, (int)spec.Deadline.TotalSeconds,
            monitorId, time.GetUtcNow(), AuditRecordStatus.Running, null);

        var created = await audits.CreateAsync(document, cancellationToken);
        try
        {
            await client.ScheduleNewOrchestrationInstanceAsync(
                nameof(AuditOrchestration),
                new AuditOrchestrationInput(spec, options.Value.CreatePacing, monitorId, AuditRetries.Default),
                new StartOrchestrationOptions(InstanceId: auditId),
                cancellationToken);
        }
        catch (OrchestrationAlreadyExistsException)
        {
            // The task hub refuses an id whose instance has not finished (Durable Functions: host.json
            // overridableExistingInstanceStates NonRunningStates; the Azure Storage backend's dedupe).
            LogAlreadyRunning(logger, auditId);
            return AuditStartOutcome.AlreadyRunning;
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // A start that timed out may still have been recorded by the task hub: then it runs, and its
            // document must stay. Only a document this call wrote is removed, never another starter's.
            if (await ExistsAsync(client, auditId))
            {
                LogAlreadyRunning(logger, auditId);
                return AuditStartOutcome.AlreadyRunning;
            }

            LogStartFailed(logger, auditId, e);
            if (created)
            {
                await audits.DeleteAsync(auditId, CancellationToken.None);
            }

            return AuditStartOutcome.Failed;
        }

        LogStarted(logger, auditId, spec.Url.AbsoluteUri, spec.Regions.Count, monitorId);
        return AuditStartOutcome.Started;
    }

    private static async Task<bool> ExistsAsync(DurableTaskClient client, string auditId)
    {
        try
        {
            return await client.GetInstanceAsync(auditId, getInputsAndOutputs: false, CancellationToken.None) is not null;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The task hub cannot be asked either: the start failed as far as anyone can tell.
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Audit {AuditId} started: {Url} from {RegionCount} region(s), monitor {MonitorId}")]
    private static partial void LogStarted(ILogger logger, string auditId, string url, int regionCount, string? monitorId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Audit {AuditId} is already running; not started again")]
    private static partial void LogAlreadyRunning(ILogger logger, string auditId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Audit {AuditId} could not be started")]
    private static partial void LogStartFailed(ILogger logger, string auditId, Exception exception);
}

public enum AuditStartOutcome
{
    Started,
    AlreadyRunning,
    Failed,
}

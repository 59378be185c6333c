using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Meridian.Core.Machines.Fly;

/// <param name="Examined">Machines that carry an audit id.</param>
/// <param name="Destroyed">Ids of the machines destroyed because their audit had finished.</param>
/// <param name="Failures">Machines that could not be checked or destroyed, with why; the next sweep tries again.</param>
public sealed record OrphanSweepResult(int Examined, IReadOnlyList<string> Destroyed, IReadOnlyList<string> Failures)
{
    /// <summary>Ids of listed machines that could not be read, left alone.</summary>
    public IReadOnlyList<string> Skipped { get; init; } = [];
}

/// <summary>
/// Destroys machines whose audit has finished (or is unknown): the safety net behind the
/// orchestration's own destroy, for a host that died mid-audit or a destroy that failed. The
/// orchestration client is the caller's (the Functions app's comes from its timer's binding, not from
/// the container), as for the monitor scheduler.
/// </summary>
public sealed partial class OrphanMachineSweeper(
    IFlyMachinesApi fly,
    FlyRegionMachines machines,
    IOptions<FlyOptions> options,
    ILogger<OrphanMachineSweeper> logger)
{
    private static readonly HashSet<OrchestrationRuntimeStatus> AuditOver =
        [OrchestrationRuntimeStatus.Completed, OrchestrationRuntimeStatus.Failed, OrchestrationRuntimeStatus.Terminated];

    public async Task<OrphanSweepResult> SweepAsync(DurableTaskClient orchestrations, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(orchestrations);
        var listed = await FlyApiErrors.TranslateAsync(
            () => fly.ListMachinesAsync(options.Value.AppName, region: null, metadata: null, cancellationToken), cancellationToken);
        var skipped = new List<string>();
        var all = FlyMachineList.Read(listed, (machineId, reason) =>
        {
            // Another tool's machine, or one Fly describes in a shape not read here: never Meridian's to sweep blind.
            skipped.Add(machineId);
            LogUnreadable(logger, machineId, reason);
        });

        var byAudit = all
            .Select(machine => (Machine: machine, AuditId: machine.Config?.Metadata?.GetValueOrDefault(FlyMachineRequests.AuditIdMetadataKey)))
            .Where(entry => !string.IsNullOrEmpty(entry.AuditId) && entry.Machine.State is not ("destroyed" or "destroying"))
            .GroupBy(entry => entry.AuditId!, entry => entry.Machine)
            .ToList();

        var destroyed = new List<string>();
        var failures = new List<string>();
        foreach (var audit in byAudit)
        {
            try
            {
                var instance = await orchestrations.GetInstanceAsync(audit.Key, getInputsAndOutputs: false, cancellationToken);
                if (instance is not null && !AuditOver.Contains(instance.RuntimeStatus))
                {
                    continue;
                }

                foreach (var machine in audit)
                {
                    await machines.DestroyByIdAsync(machine.Id, cancellationToken);
                    destroyed.Add(machine.Id);
                    LogOrphanDestroyed(logger, machine.Id, audit.Key, instance?.RuntimeStatus.ToString() ?? "unknown");
                }
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                // One audit that cannot be checked or cleaned must not stop the sweep of the others.
                failures.Add($"Audit {audit.Key}: {error.Message}");
            }
        }

        return new OrphanSweepResult(byAudit.Sum(audit => audit.Count()), destroyed, failures) { Skipped = skipped };
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Orphan sweep skipped machine {MachineId}: it could not be read ({Reason})")]
    private static partial void LogUnreadable(ILogger logger, string machineId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Destroyed orphan machine {MachineId} of audit {AuditId} ({AuditStatus})")]
    private static partial void LogOrphanDestroyed(ILogger logger, string machineId, string auditId, string auditStatus);
}

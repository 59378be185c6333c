using Meridian.Contract.Jobs;
using Meridian.Core.Audits.Orchestration;
using Meridian.Core.Regions;
using Microsoft.DurableTask.Client;

namespace Meridian.Core.Audits.Api;

/// <summary>
/// Builds an audit's state from its stored document and, when there is one, its orchestration
/// instance: the instance knows the live progress, the document outlives the instance's history.
/// </summary>
public static class AuditStates
{
    /// <param name="instance">Read with its inputs and outputs, through the client of the host that runs it (its data converter reads the payloads).</param>
    public static AuditState From(AuditDocument document, OrchestrationMetadata? instance)
    {
        ArgumentNullException.ThrowIfNull(document);
        var report = document.Report ?? (instance?.RuntimeStatus == OrchestrationRuntimeStatus.Completed ? instance.ReadOutputAs<AuditReport>() : null);
        if (report is not null)
        {
            return State(document, "completed", AuditPhase.Completed, [.. report.Regions.Select(r => new RegionState(r.Region, r.Status, r.Reason, r.Summary))], report, null);
        }

        if (instance?.RuntimeStatus is OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated)
        {
            return State(document, "failed", null, Pending(document), null, instance.FailureDetails?.ErrorMessage ?? "The audit stopped unexpectedly.");
        }

        // While it runs: the live progress, whose numbers are the headline ones (the report has them all).
        var progress = instance?.ReadCustomStatusAs<AuditProgress>();
        var regions = progress is null
            ? Pending(document)
            : [.. progress.Regions.Select(r => new RegionState(r.Region, r.Status, r.Reason, r.ToPartialSummary()))];
        return State(document, "running", progress?.Phase ?? AuditPhase.Running, regions, null, null);
    }

    private static List<RegionState> Pending(AuditDocument document) =>
        [.. document.Regions.Select(region => new RegionState(region, RegionStatus.Pending, null, null))];

    private static AuditState State(AuditDocument document, string status, AuditPhase? phase, IReadOnlyList<RegionState> regions, AuditReport? report, string? failure) =>
        new(document.AuditId, status, phase, document.Url, document.FormFactor, document.Runs, document.CreatedAt, document.MonitorId, regions, report, failure);
}

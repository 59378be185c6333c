using Meridian.Contract.Jobs;
using Meridian.Contract.Results;
using Meridian.Core.Audits.Orchestration;
using Meridian.Core.Regions;
using Microsoft.DurableTask.Client;

namespace Meridian.Core.Audits.Api;

/// <summary>
/// <c>GET /api/audits/{id}</c>: the audit's live state, and its report once finished. Built by <see cref="From"/>
/// from the stored record and, when there is one, the orchestration instance: the instance knows the
/// live progress, the record outlives the instance's history.
/// </summary>
/// <param name="Status">"running", "completed" or "failed".</param>
/// <param name="Phase">While running: what the orchestration is doing.</param>
/// <param name="Failure">Why the audit itself failed (not a region: those are in <see cref="Regions"/>).</param>
public sealed record AuditView(
    string AuditId,
    string Status,
    AuditProgressPhase? Phase,
    string Url,
    FormFactor FormFactor,
    int Runs,
    DateTimeOffset CreatedAt,
    string? MonitorId,
    IReadOnlyList<RegionView> Regions,
    AuditReport? Report,
    string? Failure)
{
    /// <param name="instance">Read with its inputs and outputs, through the client of the host that runs it (its data converter reads the payloads).</param>
    public static AuditView From(AuditRecord stored, OrchestrationMetadata? instance)
    {
        ArgumentNullException.ThrowIfNull(stored);
        var report = stored.Report ?? (instance?.RuntimeStatus == OrchestrationRuntimeStatus.Completed ? instance.ReadOutputAs<AuditReport>() : null);
        if (report is not null)
        {
            return State(stored, "completed", AuditProgressPhase.Completed, [.. report.Regions.Select(r => new RegionView(r.Region, r.Status, r.Reason, r.Summary))], report, null);
        }

        if (instance?.RuntimeStatus is OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated)
        {
            return State(stored, "failed", null, Pending(stored), null, instance.FailureDetails?.ErrorMessage ?? "The audit stopped unexpectedly.");
        }

        // While it runs: the live progress, whose numbers are the headline ones (the report has them all).
        var progress = instance?.ReadCustomStatusAs<AuditProgress>();
        var regions = progress is null
            ? Pending(stored)
            : [.. progress.Regions.Select(r => new RegionView(r.Region, r.Status, r.Reason, r.ToPartialSummary()))];
        return State(stored, "running", progress?.Phase ?? AuditProgressPhase.Running, regions, null, null);
    }

    private static List<RegionView> Pending(AuditRecord stored) =>
        [.. stored.Regions.Select(region => new RegionView(region, RegionStatus.Pending, null, null))];

    private static AuditView State(AuditRecord stored, string status, AuditProgressPhase? phase, IReadOnlyList<RegionView> regions, AuditReport? report, string? failure) =>
        new(stored.AuditId, status, phase, stored.Url, stored.FormFactor, stored.Runs, stored.CreatedAt, stored.MonitorId, regions, report, failure);
}

/// <summary>One region in <see cref="AuditView"/>; <see cref="Summary"/> once it has completed.</summary>
public sealed record RegionView(string Region, RegionStatus Status, string? Reason, RegionResultSummary? Summary);

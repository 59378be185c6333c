using Meridian.Contract.Delivery;
using Meridian.Contract.Jobs;
using Meridian.Contract.Results;
using Meridian.Core.Audits.Activities;
using Meridian.Core.Machines;
using Meridian.Core.Regions;
using Microsoft.DurableTask;

namespace Meridian.Core.Audits.Orchestration;

/// <summary>
/// The end of an audit: once the deadline passes, silent regions are looked up for a fallback result
/// and their machines destroyed; then the report is stored and, for a monitor's audit, recorded.
/// </summary>
internal sealed partial class AuditRun
{
    private async Task CollectSilentRegionsAsync()
    {
        phase = AuditProgressPhase.CollectingLateResults;
        PublishProgress();

        var silent = regions.Where(region => !region.Status.IsFinal()).ToList();
        silent.ForEach(region => region.SilentAtDeadline());
        var fallbacks = await Task.WhenAll(silent.Select(FindFallbackResultAsync));
        foreach (var (region, fallback) in silent.Zip(fallbacks))
        {
            if (fallback is not null)
            {
                region.Answered(fallback, ResultDelivery.Fallback);
            }
            else
            {
                region.Finish(
                    RegionStatus.TimedOut,
                    $"No result within the audit's {input.Spec.Deadline.TotalMinutes:0.#}-minute deadline.");
            }
        }

        // A silent worker may still be running (hung Chrome, lost network): never leave it behind. A create
        // still running has no machine yet; its machine is destroyed when the create returns.
        await Task.WhenAll(silent.Where(region => region.MachineId is not null).Select(DestroyMachineAsync));
        PublishProgress();
    }

    private async Task<RegionResult?> FindFallbackResultAsync(RegionTracker region)
    {
        try
        {
            return await context.CallActivityAsync<RegionResult?>(
                nameof(CollectFallbackResultActivity),
                new CollectFallbackResultInput(context.InstanceId, region.Region),
                retries.CollectFallback.ToTaskOptions());
        }
        catch (TaskFailedException)
        {
            warnings.Add($"Region {region.Region}: the fallback result could not be read after {retries.CollectFallback.MaxAttempts} attempts.");
            return null;
        }
    }

    /// <summary>Machines whose create returned after the deadline (or failed with its answer lost): destroyed here, not left to the sweep.</summary>
    private Task DestroyLateMachinesAsync() =>
        Task.WhenAll(regions.Where(region => region.NeedsDestroyAfterDeadline).Select(DestroyMachineAsync));

    private async Task DestroyMachineAsync(RegionTracker region)
    {
        region.DestroyRequested();
        try
        {
            var exit = await context.CallActivityAsync<MachineExit?>(
                nameof(DestroyRegionMachineActivity),
                new DestroyRegionMachineInput(context.InstanceId, region.Region, region.MachineId),
                retries.DestroyMachine.ToTaskOptions());

            // A worker that crashed or ran out of memory explains its silence.
            if (exit is not null && region.Status == RegionStatus.TimedOut)
            {
                region.Finish(RegionStatus.TimedOut, $"{region.Reason} {exit.Describe()}");
            }
        }
        catch (TaskFailedException)
        {
            warnings.Add($"Region {region.Region}: machine {region.MachineId ?? "(unknown id)"} could not be destroyed after {retries.DestroyMachine.MaxAttempts} attempts; the orphan sweep will retry.");
        }
    }

    private async Task<AuditReport> StoreAsync(AuditReport report)
    {
        phase = AuditProgressPhase.StoringReport;
        PublishProgress();
        try
        {
            await context.CallActivityAsync<bool>(nameof(StoreAuditReportActivity), report, retries.StoreReport.ToTaskOptions());
            return report;
        }
        catch (TaskFailedException)
        {
            // The report is still the orchestration's output, so nothing is lost; say why it is not in storage.
            return report with { Warnings = [.. report.Warnings, $"The report could not be stored after {retries.StoreReport.MaxAttempts} attempts; it is kept as the audit's output."] };
        }
    }

    /// <summary>The monitor's history and alerts come second to the audit: failing to record them is a warning, never a failed audit.</summary>
    private async Task<AuditReport> RecordForMonitorAsync(string monitorId, AuditReport report)
    {
        try
        {
            await context.CallActivityAsync<bool>(
                nameof(RecordMonitorResultActivity), new RecordMonitorResultInput(monitorId, report), retries.RecordMonitorResult.ToTaskOptions());
            return report;
        }
        catch (TaskFailedException)
        {
            return report with { Warnings = [.. report.Warnings, $"The result could not be recorded for monitor {monitorId} after {retries.RecordMonitorResult.MaxAttempts} attempts."] };
        }
    }
}

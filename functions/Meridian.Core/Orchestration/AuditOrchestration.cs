using Meridian.Core.Activities;
using Meridian.Core.Audits;
using Meridian.Core.Durable;

namespace Meridian.Core.Orchestration;

/// <summary>
/// Audits one URL from every requested region at once:
/// creates one machine per region (paced to Fly's create limit), waits for each region's
/// <c>region-result</c> event under one deadline timer, rescues silent regions from fallback blobs,
/// destroys what is left, stores the report, and records it in its monitor's history when a monitor started it.
/// Orchestration code: deterministic, all I/O through activities, time only from the context.
/// </summary>
public sealed class AuditOrchestration
{
    public const string Name = nameof(AuditOrchestration);

    private readonly IOrchestrationContext context;
    private readonly AuditOrchestrationInput input;
    private readonly List<RegionTracker> regions;
    private readonly List<string> warnings = [];
    private AuditPhase phase = AuditPhase.Running;
    private string? configurationError;
    private DateTime deadlineAt;

    private AuditOrchestration(IOrchestrationContext context, AuditOrchestrationInput input)
    {
        this.context = context;
        this.input = input;
        regions = input.Spec.Regions.Select(region => new RegionTracker(region)).ToList();
    }

    /// <summary>The external event a region's result arrives as. The region is in the name so each region waits for its own.</summary>
    public static string RegionResultEventName(string region) => $"region-result-{region.ToLowerInvariant()}";

    public static Task<AuditReport> RunAsync(IOrchestrationContext context, AuditOrchestrationInput input) =>
        new AuditOrchestration(context, input).RunAsync();

    private async Task<AuditReport> RunAsync()
    {
        var startedAt = context.CurrentUtcDateTime;
        deadlineAt = startedAt + input.Spec.Deadline;
        PublishProgress();

        using var deadline = new CancellationTokenSource();
        var deadlineTimer = context.CreateTimer(deadlineAt, deadline.Token);
        var everyRegionAnswered = Task.WhenAll(regions.Select((region, index) =>
            RunRegionAsync(region, input.Pacing.SlotFor(index, startedAt), deadline.Token)));

        var first = await Task.WhenAny(everyRegionAnswered, deadlineTimer);

        // Cancelling ends the deadline timer when all answered (else the instance stays Running until it
        // fires), or ends the waits of silent regions when the deadline came first.
        deadline.Cancel();
        if (first == deadlineTimer)
        {
            await CollectSilentRegionsAsync();
        }

        var report = AuditReportBuilder.Build(
            context.InstanceId,
            input.Spec,
            startedAt,
            context.CurrentUtcDateTime,
            regions.Select(region => region.ToOutcome()).ToList(),
            warnings);

        report = await StoreAsync(report);
        if (input.MonitorId is { } monitorId)
        {
            // After the store, so the monitor's history points at a stored report; a failure to record is
            // stored again with the report, where the audit's readers see it.
            var recorded = await RecordForMonitorAsync(monitorId, report);
            if (recorded.Warnings.Count != report.Warnings.Count)
            {
                report = await StoreAsync(recorded);
            }
        }

        phase = AuditPhase.Completed;
        PublishProgress();
        return report;
    }

    private async Task RunRegionAsync(RegionTracker region, DateTime createAt, CancellationToken deadline)
    {
        if (createAt > context.CurrentUtcDateTime)
        {
            await context.CreateTimer(createAt, deadline);
        }

        if (configurationError is not null)
        {
            region.Finish(RegionStatus.Failed, configurationError);
            PublishProgress();
            return;
        }

        MachineStartResult start;
        try
        {
            start = await StartMachineAsync(region);
        }
        catch (ActivityFailedException failure)
        {
            region.Finish(RegionStatus.Failed, $"The machine could not be created: {failure.ErrorMessage}");
            PublishProgress();
            return;
        }

        switch (start.Status)
        {
            case MachineStartStatus.Started:
                region.Started(start.MachineId);
                PublishProgress();
                break;
            case MachineStartStatus.RegionUnavailable:
                region.Finish(RegionStatus.Unavailable, start.Reason ?? "Fly has no capacity in this region.");
                PublishProgress();
                return;
            default:
                // A bad token, app or image fails every region alike: stop creating, say it once.
                configurationError ??= $"Fly rejected the machine configuration: {start.Reason}";
                region.Finish(RegionStatus.Failed, configurationError);
                PublishProgress();
                return;
        }

        var result = await WaitForRegionResultAsync(region.Region, deadline);
        region.Answered(result, ResultDelivery.Callback);
        PublishProgress();
    }

    private Task<MachineStartResult> StartMachineAsync(RegionTracker region)
    {
        var spec = input.Spec;
        return context.CallActivityAsync<MachineStartResult>(
            nameof(StartRegionMachineActivity),
            new StartRegionMachineInput(
                context.InstanceId,
                region.Region,
                spec.Url,
                spec.FormFactor,
                spec.Runs,
                deadlineAt),
            AuditRetryPolicies.StartMachine);
    }

    /// <summary>
    /// The first result for this audit and region wins; duplicates stay unread in the event buffer, and a
    /// result addressed to another audit or region is skipped rather than trusted.
    /// </summary>
    private async Task<RegionResult> WaitForRegionResultAsync(string region, CancellationToken deadline)
    {
        while (true)
        {
            var result = await context.WaitForExternalEvent<RegionResult>(RegionResultEventName(region), deadline);
            if (result.AuditId == context.InstanceId && string.Equals(result.Region, region, StringComparison.OrdinalIgnoreCase))
            {
                return result;
            }
        }
    }

    private async Task CollectSilentRegionsAsync()
    {
        phase = AuditPhase.CollectingLateResults;
        PublishProgress();

        var silent = regions.Where(region => !region.Status.IsFinal()).ToList();
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

        // A silent worker may still be running (hung Chrome, lost network): never leave it behind.
        await Task.WhenAll(silent.Select(DestroyMachineAsync));
        PublishProgress();
    }

    private async Task<RegionResult?> FindFallbackResultAsync(RegionTracker region)
    {
        try
        {
            return await context.CallActivityAsync<RegionResult?>(
                nameof(CollectFallbackResultActivity),
                new CollectFallbackResultInput(context.InstanceId, region.Region),
                AuditRetryPolicies.CollectFallback);
        }
        catch (ActivityFailedException failure)
        {
            warnings.Add($"Region {region.Region}: the fallback result could not be read: {failure.ErrorMessage}");
            return null;
        }
    }

    private async Task DestroyMachineAsync(RegionTracker region)
    {
        try
        {
            var exit = await context.CallActivityAsync<MachineExit?>(
                nameof(DestroyRegionMachineActivity),
                new DestroyRegionMachineInput(context.InstanceId, region.Region, region.MachineId),
                AuditRetryPolicies.DestroyMachine);

            // A worker that crashed or ran out of memory explains its silence.
            if (exit is not null && region.Status == RegionStatus.TimedOut)
            {
                region.Finish(RegionStatus.TimedOut, $"{region.Reason} {exit.Describe()}");
            }
        }
        catch (ActivityFailedException failure)
        {
            warnings.Add($"Region {region.Region}: machine {region.MachineId ?? "(unknown id)"} could not be destroyed, the orphan sweep will retry: {failure.ErrorMessage}");
        }
    }

    private async Task<AuditReport> StoreAsync(AuditReport report)
    {
        phase = AuditPhase.StoringReport;
        PublishProgress();
        try
        {
            await context.CallActivityAsync<bool>(nameof(StoreAuditReportActivity), report, AuditRetryPolicies.StoreReport);
            return report;
        }
        catch (ActivityFailedException failure)
        {
            // The report is still the orchestration's output, so nothing is lost; say why it is not in storage.
            return report with { Warnings = [.. report.Warnings, $"The report could not be stored: {failure.ErrorMessage}"] };
        }
    }

    /// <summary>The monitor's history and alerts come second to the audit: failing to record them is a warning, never a failed audit.</summary>
    private async Task<AuditReport> RecordForMonitorAsync(string monitorId, AuditReport report)
    {
        try
        {
            await context.CallActivityAsync<bool>(
                nameof(RecordMonitorResultActivity), new RecordMonitorResultInput(monitorId, report), AuditRetryPolicies.RecordMonitorResult);
            return report;
        }
        catch (ActivityFailedException failure)
        {
            return report with { Warnings = [.. report.Warnings, $"The result could not be recorded for monitor {monitorId}: {failure.ErrorMessage}"] };
        }
    }

    private void PublishProgress() =>
        context.SetCustomStatus(new AuditProgress(phase, regions.Select(region => region.ToProgress()).ToList()));
}

using Meridian.Contract.Delivery;
using Meridian.Contract.Jobs;
using Meridian.Contract.Results;
using Meridian.Core.Audits.Activities;
using Meridian.Core.Machines;
using Meridian.Core.Regions;
using Microsoft.DurableTask;

namespace Meridian.Core.Audits.Orchestration;

/// <summary>
/// One execution of <see cref="AuditOrchestration"/>, rebuilt from history on every replay: the
/// regions' trackers and the warnings live here. Orchestration code: deterministic, all I/O through
/// activities, time only from the context (Microsoft.DurableTask.Analyzers check it).
/// </summary>
internal sealed partial class AuditRun
{
    /// <summary>
    /// How early a durable timer may fire: the Azure Storage backend sends a timer's delay to its queue
    /// in whole seconds, so a timer can come up to a second before its time.
    /// </summary>
    private static readonly TimeSpan EarlyTimerAllowance = TimeSpan.FromSeconds(1);

    private const int MaxMisaddressedResults = 20;

    private readonly TaskOrchestrationContext context;
    private readonly AuditOrchestrationInput input;
    private readonly AuditRetries retries;
    private readonly List<RegionTracker> regions;
    private readonly List<string> warnings = [];
    private AuditProgressPhase phase = AuditProgressPhase.Running;
    private string? configurationError;
    private DateTime deadlineAt;

    public AuditRun(TaskOrchestrationContext context, AuditOrchestrationInput input)
    {
        this.context = context;
        this.input = input;
        retries = input.Retries ?? AuditRetries.Default;
        regions = [.. input.Spec.Regions.Select(region => new RegionTracker(region))];
    }

    public async Task<AuditReport> RunAsync()
    {
        var startedAt = context.CurrentUtcDateTime;
        deadlineAt = startedAt + input.Spec.Deadline;
        PublishProgress();

        using var deadline = new CancellationTokenSource();
        var deadlineTimer = context.CreateTimer(deadlineAt, deadline.Token);
        var regionRuns = regions.Select((region, index) => RunRegionAsync(region, input.Pacing.SlotFor(index, startedAt), deadline.Token)).ToList();

        var first = await Task.WhenAny(Task.WhenAll(regionRuns), deadlineTimer);

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
            [.. regions.Select(region => region.ToOutcome())],
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

        phase = AuditProgressPhase.Completed;
        PublishProgress();

        // The report is out; what is left is cleaning up after creates that were still running at the deadline.
        await Task.WhenAll(regionRuns);
        await DestroyLateMachinesAsync();
        return report;
    }

    /// <summary>Creates the region's machine at its paced slot, then waits for its result until the deadline. Never throws.</summary>
    private async Task RunRegionAsync(RegionTracker region, DateTime createAt, CancellationToken deadline)
    {
        try
        {
            await WaitUntilAsync(createAt, deadline);
        }
        catch (OperationCanceledException)
        {
            // The deadline came before the region's slot: it was never created.
            return;
        }

        if (configurationError is not null)
        {
            region.Finish(RegionStatus.Failed, configurationError);
            PublishProgress();
            return;
        }

        region.CreateRequested();
        var start = await StartMachineAsync(region);
        if (deadline.IsCancellationRequested)
        {
            // The deadline passed while the machine was being created: the region is settled already, and
            // its machine is destroyed once the report is out.
            region.CreateReturnedLate(start);
            return;
        }

        switch (start.Status)
        {
            case MachineStartStatus.Started:
                region.Started(start.MachineId);
                break;
            case MachineStartStatus.RegionUnavailable:
                region.Finish(RegionStatus.Unavailable, start.Reason ?? "Fly has no capacity in this region.");
                break;
            case MachineStartStatus.Failed:
                region.Finish(RegionStatus.Failed, $"The machine could not be created: {start.Reason}");
                break;
            default:
                // A bad token, app or image fails every region alike: stop creating, say it once.
                configurationError ??= $"Fly rejected the machine configuration: {start.Reason}";
                region.Finish(RegionStatus.Failed, configurationError);
                break;
        }

        PublishProgress();
        if (start.Status != MachineStartStatus.Started)
        {
            return;
        }

        try
        {
            if (await WaitForRegionResultAsync(region.Region, deadline) is { } result)
            {
                region.Answered(result, ResultDelivery.Callback);
            }
            else
            {
                region.Finish(RegionStatus.Failed, $"{MaxMisaddressedResults} results addressed to another audit or region arrived for it; none was taken.");
            }

            PublishProgress();
        }
        catch (OperationCanceledException)
        {
            // The deadline: the region is settled by its fallback or as timed out.
        }
    }

    /// <summary>
    /// Waits until the orchestration's clock has reached <paramref name="at"/>. A timer that fired early
    /// (the episode's time is still before it) is armed again past the allowance, so a paced create is
    /// never sent before its slot and Fly's create limit holds whatever the backend's timer precision.
    /// </summary>
    private async Task WaitUntilAsync(DateTime at, CancellationToken cancellationToken)
    {
        var fireAt = at;
        while (context.CurrentUtcDateTime < at)
        {
            await context.CreateTimer(fireAt, cancellationToken);
            fireAt = at + EarlyTimerAllowance;
        }
    }

    private async Task<MachineStartResult> StartMachineAsync(RegionTracker region)
    {
        var spec = input.Spec;
        try
        {
            return await context.CallActivityAsync<MachineStartResult>(
                nameof(StartRegionMachineActivity),
                new StartRegionMachineInput(context.InstanceId, region.Region, spec.Url, spec.FormFactor, spec.Runs, deadlineAt),
                retries.StartMachine.ToTaskOptions());
        }
        catch (TaskFailedException)
        {
            // Fly's own faults come back as results; an exception here is something else. Its message is
            // not used: the Functions host rewrites activity failure messages on their way here.
            return MachineStartResult.Failed(
                $"starting it failed {retries.StartMachine.MaxAttempts} times with an unexpected error (see the app's logs for this audit and region).");
        }
    }

    /// <summary>
    /// The first result for this audit and region wins; duplicates stay unread in the event buffer, and a
    /// result addressed to another audit or region is skipped rather than trusted. The callback raises
    /// only results addressed to their URL, so a skip is a bug or a forgery: after
    /// <see cref="MaxMisaddressedResults"/> of them the region stops listening (and fails).
    /// </summary>
    private async Task<RegionResult?> WaitForRegionResultAsync(string region, CancellationToken deadline)
    {
        for (var skipped = 0; skipped < MaxMisaddressedResults; skipped++)
        {
            var result = await context.WaitForExternalEvent<RegionResult>(AuditOrchestration.RegionResultEventName(region), deadline);
            if (result.AuditId == context.InstanceId && string.Equals(result.Region, region, StringComparison.OrdinalIgnoreCase))
            {
                return result;
            }
        }

        return null;
    }

    private void PublishProgress() =>
        context.SetCustomStatus(AuditProgress.Of(phase, regions.Select(region => region.ToProgress())));
}

using System.Collections.Concurrent;
using System.Diagnostics;
using Meridian.Contract.Jobs;
using Meridian.Contract.Results;
using Meridian.Core.Audits;
using Meridian.Core.Audits.Activities;
using Meridian.Core.Audits.Orchestration;
using Meridian.Core.Machines;
using Meridian.Core.Regions;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace Meridian.Testing.Orchestration;

/// <summary>
/// One audit on a real engine (<see cref="AuditEngine"/>), in real time, with its activities scripted:
/// by default every region's machine starts after <see cref="MachineStartTime"/> and its worker calls
/// back <see cref="WorkerTime"/> later with a plausible result, through the engine's client as the
/// callback does. Times are short so a test takes seconds; tests change what they need.
/// </summary>
public sealed class AuditScenario
{
    /// <summary>Creates paced as the orchestration paces them, at a tenth of Fly's pace.</summary>
    public static readonly CreatePacing FastPacing = new(3, TimeSpan.FromMilliseconds(120));

    /// <summary>Retries a tenth of a second apart, so a test of "after its retries" takes no longer than one without.</summary>
    public static readonly AuditRetries FastRetries = new(
        new(3, TimeSpan.FromMilliseconds(100)),
        new(3, TimeSpan.FromMilliseconds(100)),
        new(3, TimeSpan.FromMilliseconds(100)),
        new(5, TimeSpan.FromMilliseconds(100), 1.0),
        new(3, TimeSpan.FromMilliseconds(100)));

    private readonly AuditEngine engine;
    private readonly Dictionary<string, Func<StartRegionMachineInput, Task<MachineStartResult>>> startOverrides = [];
    private readonly HashSet<string> silentRegions = [];
    private readonly Dictionary<string, RegionResult> fallbacks = [];
    private readonly List<(TimeSpan After, string Region, RegionResult Result)> scheduledResults = [];
    private readonly ConcurrentQueue<ActivityCall> calls = new();
    private readonly ConcurrentQueue<AuditReport> stored = new();
    private readonly ConcurrentQueue<RecordMonitorResultInput> recorded = new();
    private Func<AuditReport, bool>? storeReport;
    private Func<RecordMonitorResultInput, bool>? recordMonitorResult;
    private Func<DestroyRegionMachineInput, MachineExit?>? destroyMachine;
    private DateTime startedAt;

    public AuditScenario(AuditEngine engine, params string[] regions)
    {
        this.engine = engine;
        Regions = regions.Length > 0 ? regions : ["iad", "lhr", "syd"];
    }

    public string AuditId { get; } = Guid.CreateVersion7().ToString("N");

    public IReadOnlyList<string> Regions { get; }

    public TimeSpan Deadline { get; init; } = TimeSpan.FromSeconds(30);

    public TimeSpan WorkerTime { get; init; } = TimeSpan.FromMilliseconds(300);

    public TimeSpan MachineStartTime { get; init; } = TimeSpan.FromMilliseconds(50);

    public CreatePacing Pacing { get; init; } = FastPacing;

    public AuditRetries Retries { get; init; } = FastRetries;

    /// <summary>The monitor that scheduled the audit; null (the default) for an audit a user started.</summary>
    public string? MonitorId { get; init; }

    /// <summary>How long a run may take before the test gives up on it.</summary>
    public TimeSpan RunTimeout => Deadline + TimeSpan.FromSeconds(60);

    public IReadOnlyList<AuditReport> Stored => [.. stored];

    public IReadOnlyList<RecordMonitorResultInput> Recorded => [.. recorded];

    public DurableTaskClient Client => engine.Client;

    public AuditScenario StartReturns(string region, MachineStartResult result) => StartDoes(region, _ => Task.FromResult(result));

    public AuditScenario StartDoes(string region, Func<StartRegionMachineInput, Task<MachineStartResult>> start)
    {
        startOverrides[region] = start;
        return this;
    }

    /// <summary>The region's machine starts but its worker never calls back.</summary>
    public AuditScenario NeverCallsBack(string region)
    {
        silentRegions.Add(region);
        return this;
    }

    /// <summary>The region's worker could not call back and left this result in storage.</summary>
    public AuditScenario LeavesFallback(string region, RegionResult result)
    {
        silentRegions.Add(region);
        fallbacks[region] = result;
        return this;
    }

    /// <summary>Raises a result for the region <paramref name="after"/> the audit's instance started, whatever its machine does.</summary>
    public AuditScenario RaisesAfter(TimeSpan after, string region, RegionResult result)
    {
        scheduledResults.Add((after, region, result));
        return this;
    }

    public AuditScenario StoreReportDoes(Func<AuditReport, bool> store)
    {
        storeReport = store;
        return this;
    }

    public AuditScenario RecordMonitorResultDoes(Func<RecordMonitorResultInput, bool> record)
    {
        recordMonitorResult = record;
        return this;
    }

    public AuditScenario DestroyDoes(Func<DestroyRegionMachineInput, MachineExit?> destroy)
    {
        destroyMachine = destroy;
        return this;
    }

    /// <summary>Starts the audit and returns its run once the instance has finished.</summary>
    public async Task<ScenarioRun> RunAsync()
    {
        await StartAsync();
        return await WaitAsync();
    }

    /// <summary>Waits for the started audit's instance to finish (at most <see cref="RunTimeout"/>).</summary>
    public async Task<ScenarioRun> WaitAsync()
    {
        using var timeout = new CancellationTokenSource(RunTimeout);
        var final = await engine.Client.WaitForInstanceCompletionAsync(AuditId, getInputsAndOutputs: true, timeout.Token);
        return new ScenarioRun(final, [.. calls], startedAt);
    }

    /// <summary>Starts the audit and returns its instance id at once, for tests that watch it run.</summary>
    public async Task<string> StartAsync()
    {
        engine.Add(this);
        var spec = new AuditSpec(new Uri("https://shop.example/"), Regions, FormFactor.Mobile, 3, Deadline);
        startedAt = DateTime.UtcNow;
        await engine.Client.ScheduleNewOrchestrationInstanceAsync(
            nameof(AuditOrchestration), new AuditOrchestrationInput(spec, Pacing, MonitorId, Retries), new StartOrchestrationOptions(InstanceId: AuditId));
        if (scheduledResults.Count > 0)
        {
            // Measured from the instance's start, not from here: an instance can stay Pending for seconds.
            var instanceStarted = InstanceStartedAsync();
            foreach (var (after, region, result) in scheduledResults)
            {
                RaiseAt(AfterAsync(instanceStarted, after), region, result);
            }
        }

        return AuditId;
    }

    public static RegionResult Result(string auditId, string region, double score = 0.9, double lcpMs = 1800, string? resultId = null) =>
        new(
            resultId ?? $"{auditId}-{region}-1",
            auditId,
            region,
            Succeeded: true,
            FailureReason: null,
            new RegionResultSummary(score, 900, lcpMs, 120, 0.02, 1500, 2500, 180, "12.8.0", 1500, 3, score - 0.02, score + 0.01, $"reports/{auditId}/{region}.json.gz"),
            DateTimeOffset.UtcNow);

    public RegionResult Result(string region, double score = 0.9, double lcpMs = 1800, string? resultId = null) =>
        Result(AuditId, region, score, lcpMs, resultId);

    public RegionResult FailedResult(string region, string reason) =>
        new($"{AuditId}-{region}-f", AuditId, region, Succeeded: false, reason, Summary: null, DateTimeOffset.UtcNow);

    internal async Task<MachineStartResult> StartMachineAsync(StartRegionMachineInput input)
    {
        Record(nameof(StartRegionMachineActivity), input);
        await Task.Delay(MachineStartTime);
        if (startOverrides.TryGetValue(input.Region, out var start))
        {
            return await start(input);
        }

        if (!silentRegions.Contains(input.Region))
        {
            RaiseAt(Task.FromResult(DateTime.UtcNow + WorkerTime), input.Region, Result(input.Region));
        }

        return MachineStartResult.Started($"machine-{input.Region}");
    }

    internal Task<RegionResult?> CollectFallbackAsync(CollectFallbackResultInput input)
    {
        Record(nameof(CollectFallbackResultActivity), input);
        return Task.FromResult(fallbacks.GetValueOrDefault(input.Region));
    }

    internal Task<MachineExit?> DestroyMachineAsync(DestroyRegionMachineInput input)
    {
        Record(nameof(DestroyRegionMachineActivity), input);
        return Task.FromResult(destroyMachine is not null ? destroyMachine(input) : null);
    }

    internal Task<bool> StoreReportAsync(AuditReport report)
    {
        Record(nameof(StoreAuditReportActivity), report);
        if (storeReport is not null)
        {
            return Task.FromResult(storeReport(report));
        }

        stored.Enqueue(report);
        return Task.FromResult(true);
    }

    internal Task<bool> RecordMonitorResultAsync(RecordMonitorResultInput input)
    {
        Record(nameof(RecordMonitorResultActivity), input);
        if (recordMonitorResult is not null)
        {
            return Task.FromResult(recordMonitorResult(input));
        }

        recorded.Enqueue(input);
        return Task.FromResult(true);
    }

    private void Record(string activity, object input) => calls.Enqueue(new ActivityCall(activity, input, DateTime.UtcNow));

    /// <summary>
    /// When the client first sees the instance past Pending, by the wall clock. No worker answers before that,
    /// its machine being created by the instance's own activity; and an event raised to a Pending instance may
    /// be dropped: DurableTask.AzureStorage defers a start message it dequeues before the client has recorded
    /// the instance (2 s, then 4 s…), and discards an event that reaches the instance meanwhile ("No such
    /// instance"), in Azure as here.
    /// </summary>
    private async Task<DateTime> InstanceStartedAsync()
    {
        using var timeout = new CancellationTokenSource(RunTimeout);
        await engine.Client.WaitForInstanceStartAsync(AuditId, getInputsAndOutputs: false, timeout.Token);
        return DateTime.UtcNow;
    }

    private static async Task<DateTime> AfterAsync(Task<DateTime> start, TimeSpan after) => await start + after;

    /// <summary>Raises the region's result at the time <paramref name="at"/> gives, through the engine's client, as the callback does.</summary>
    private void RaiseAt(Task<DateTime> at, string region, RegionResult result) =>
        _ = Task.Run(async () =>
        {
            try
            {
                var wait = await at - DateTime.UtcNow;
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait);
                }

                await engine.Client.RaiseEventAsync(AuditId, AuditOrchestration.RegionResultEventName(region), result);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // The engine stopped under a finished test, or the instance never started: nothing left to tell.
                Trace.TraceWarning($"Result for {AuditId}/{region} not raised: {e.Message}");
            }
        });
}

using Meridian.Core.Activities;
using Meridian.Core.Audits;
using Meridian.Core.Orchestration;
using Meridian.Testing.Durable;

namespace Meridian.Testing.Audits;

/// <summary>
/// Builds an audit run on the replay-checking host: by default every region's machine starts and its
/// worker calls back <see cref="WorkerTime"/> later with a plausible result. Tests change what they need.
/// </summary>
public sealed class AuditScenario
{
    public const string AuditId = "audit-0001";
    public static readonly DateTime Start = new(2026, 11, 23, 12, 0, 0, DateTimeKind.Utc);

    private readonly Dictionary<string, Func<StartRegionMachineInput, MachineStartResult>> startOverrides = [];
    private readonly HashSet<string> silentRegions = [];
    private readonly Dictionary<string, RegionResult> fallbacks = [];
    private readonly List<string> destroyed = [];
    private readonly List<AuditReport> stored = [];
    private readonly List<RecordMonitorResultInput> recorded = [];
    private Func<AuditReport, bool>? storeReport;
    private Func<RecordMonitorResultInput, bool>? recordMonitorResult;
    private Func<DestroyRegionMachineInput, MachineExit?>? destroyMachine;

    public AuditScenario(params string[] regions)
    {
        Regions = regions.Length > 0 ? regions : ["iad", "lhr", "syd"];
        Host = new DurableTestHost(Start, AuditId);
    }

    public DurableTestHost Host { get; }

    public IReadOnlyList<string> Regions { get; }

    public TimeSpan Deadline { get; init; } = TimeSpan.FromMinutes(10);

    public TimeSpan WorkerTime { get; init; } = TimeSpan.FromSeconds(40);

    public TimeSpan MachineStartTime { get; init; } = TimeSpan.FromSeconds(2);

    public CreatePacing Pacing { get; init; } = CreatePacing.FlyDefault;

    /// <summary>The monitor that scheduled the audit; null (the default) for an audit a user started.</summary>
    public string? MonitorId { get; init; }

    public DateTime DeadlineAt => Start + Deadline;

    public IReadOnlyList<string> Destroyed => destroyed;

    public IReadOnlyList<AuditReport> Stored => stored;

    public IReadOnlyList<RecordMonitorResultInput> Recorded => recorded;

    public AuditScenario StartReturns(string region, MachineStartResult result) => StartDoes(region, _ => result);

    public AuditScenario StartDoes(string region, Func<StartRegionMachineInput, MachineStartResult> start)
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

    public OrchestrationRun<AuditReport> Run()
    {
        Host.OnActivity<StartRegionMachineInput, MachineStartResult>(nameof(StartRegionMachineActivity), StartMachine, MachineStartTime)
            .OnActivity<CollectFallbackResultInput, RegionResult?>(
                nameof(CollectFallbackResultActivity), input => fallbacks.GetValueOrDefault(input.Region), TimeSpan.FromSeconds(1))
            .OnActivity<DestroyRegionMachineInput, MachineExit?>(nameof(DestroyRegionMachineActivity), Destroy, TimeSpan.FromSeconds(1))
            .OnActivity<AuditReport, bool>(nameof(StoreAuditReportActivity), Store, TimeSpan.FromSeconds(1))
            .OnActivity<RecordMonitorResultInput, bool>(nameof(RecordMonitorResultActivity), RecordMonitorResult, TimeSpan.FromSeconds(1));

        var spec = new AuditSpec(new Uri("https://shop.example/"), Regions, FormFactor.Mobile, 3, Deadline);
        return Host.Run<AuditOrchestrationInput, AuditReport>(AuditOrchestration.RunAsync, new AuditOrchestrationInput(spec, Pacing, MonitorId));
    }

    public static RegionResult Result(string region, double score = 0.9, double lcpMs = 1800, string? resultId = null, string auditId = AuditId) =>
        new(
            resultId ?? $"{auditId}-{region}-1",
            auditId,
            region,
            Succeeded: true,
            FailureReason: null,
            new RegionResultSummary(score, 900, lcpMs, 120, 0.02, 1500, 2500, 180, "12.8.0", 1500, 3, score - 0.02, score + 0.01, $"reports/{auditId}/{region}.json.gz"),
            Start.AddMinutes(1));

    public static RegionResult FailedResult(string region, string reason) =>
        new($"{AuditId}-{region}-f", AuditId, region, Succeeded: false, reason, Summary: null, Start.AddMinutes(1));

    private MachineStartResult StartMachine(StartRegionMachineInput input)
    {
        if (startOverrides.TryGetValue(input.Region, out var start))
        {
            return start(input);
        }

        if (!silentRegions.Contains(input.Region))
        {
            Host.RaiseEventAfter(MachineStartTime + WorkerTime, AuditOrchestration.RegionResultEventName(input.Region), Result(input.Region));
        }

        return MachineStartResult.Started($"machine-{input.Region}");
    }

    private MachineExit? Destroy(DestroyRegionMachineInput input)
    {
        if (destroyMachine is not null)
        {
            return destroyMachine(input);
        }

        destroyed.Add(input.Region);
        return null;
    }

    private bool RecordMonitorResult(RecordMonitorResultInput input)
    {
        if (recordMonitorResult is not null)
        {
            return recordMonitorResult(input);
        }

        recorded.Add(input);
        return true;
    }

    private bool Store(AuditReport report)
    {
        if (storeReport is not null)
        {
            return storeReport(report);
        }

        stored.Add(report);
        return true;
    }
}

using System.Collections.Concurrent;
using System.Text.Json;
using Meridian.Core;
using Meridian.Core.Activities;
using Meridian.Core.Audits;
using Meridian.Core.Durable;
using Meridian.Core.Monitors;
using Meridian.Core.Orchestration;
using Meridian.Local.Durable;
using Meridian.Testing.Audits;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Meridian.Local.Tests.Durable;

/// <summary>The real audit orchestration, live on the local host: the code the Functions app runs in Azure.</summary>
public sealed class AuditOrchestrationOnLocalHostTests
{
    private const string AuditId = "audit-local-0001";
    private static readonly AuditSpec Spec = new(new Uri("https://shop.example/"), ["iad", "lhr", "syd"], FormFactor.Mobile, 3, TimeSpan.FromMinutes(10));

    [Fact]
    public async Task Region_that_never_calls_back_times_out_at_the_deadline_while_the_others_complete()
    {
        var destroyed = new ConcurrentQueue<string>();
        var stored = new ConcurrentQueue<AuditReport>();
        await using var harness = new LocalHostHarness();
        harness.Host
            .AddOrchestrator<AuditOrchestrationInput, AuditReport>(AuditOrchestration.Name, AuditOrchestration.RunAsync)
            .AddActivity<StartRegionMachineInput, MachineStartResult>(
                nameof(StartRegionMachineActivity), (input, _) => Task.FromResult(MachineStartResult.Started($"machine-{input.Region}")))
            .AddActivity<CollectFallbackResultInput, RegionResult?>(
                nameof(CollectFallbackResultActivity), (_, _) => Task.FromResult<RegionResult?>(null))
            .AddActivity<DestroyRegionMachineInput, MachineExit?>(nameof(DestroyRegionMachineActivity), (input, _) =>
            {
                destroyed.Enqueue(input.Region);
                return Task.FromResult<MachineExit?>(null);
            })
            .AddActivity<AuditReport, bool>(nameof(StoreAuditReportActivity), (report, _) =>
            {
                stored.Enqueue(report);
                return Task.FromResult(true);
            });

        await harness.Host.ScheduleNewOrchestrationInstanceAsync(
            AuditOrchestration.Name, new AuditOrchestrationInput(Spec, CreatePacing.FlyDefault), AuditId);
        await harness.RunningUntilAsync(AuditId, RegionsAre(RegionStatus.Running, RegionStatus.Running, RegionStatus.Running));
        await RegionAnswersAsync(harness.Host, "iad");
        await RegionAnswersAsync(harness.Host, "lhr");
        await harness.RunningUntilAsync(AuditId, RegionsAre(RegionStatus.Completed, RegionStatus.Completed, RegionStatus.Running));
        await harness.Clock.AdvanceOnceTimerIsSetAsync(Spec.Deadline);
        var finished = await harness.CompletionOfAsync(AuditId);

        Assert.Equal(OrchestrationStatus.Completed, finished.RuntimeStatus);
        var report = finished.ReadOutputAs<AuditReport>()!;
        Assert.Equal(
            [("iad", RegionStatus.Completed), ("lhr", RegionStatus.Completed), ("syd", RegionStatus.TimedOut)],
            report.Regions.Select(region => (region.Region, region.Status)));
        Assert.Equal((2, 1), (report.Aggregates.Completed, report.Aggregates.TimedOut));
        Assert.Contains("10-minute deadline", report.Regions[2].Reason);
        Assert.Equal(TestClock.Origin.UtcDateTime + Spec.Deadline, report.CompletedAt);
        Assert.Equal(["syd"], destroyed);
        Assert.Equal(finished.SerializedOutput, JsonSerializer.Serialize(Assert.Single(stored), DurableJson.Options));
        Assert.Equal(AuditPhase.Completed, finished.ReadCustomStatusAs<AuditProgress>()!.Phase);
    }

    [Fact]
    public async Task AddAuditOrchestration_runs_the_core_activities_from_the_container()
    {
        var machines = new InMemoryRegionMachines();
        var reports = new InMemoryAuditReportStore();
        await using var harness = new LocalHostHarness(services => services
            .AddMeridianCore(MeridianSettings())
            .AddSingleton(typeof(ILogger<>), typeof(NullLogger<>))
            .AddSingleton<IRegionMachines>(machines)
            .AddSingleton<IWorkerUploadUrlIssuer, FixedUploadUrls>()
            .AddSingleton<IRegionResultStore, NoStoredResults>()
            .AddSingleton<IAuditReportStore>(reports));
        harness.Host.AddAuditOrchestration();

        await harness.Host.ScheduleNewOrchestrationInstanceAsync(
            AuditOrchestration.Name, new AuditOrchestrationInput(Spec, CreatePacing.FlyDefault), AuditId);
        await harness.RunningUntilAsync(AuditId, RegionsAre(RegionStatus.Running, RegionStatus.Running, RegionStatus.Running));
        foreach (var region in Spec.Regions)
        {
            await RegionAnswersAsync(harness.Host, region);
        }

        var finished = await harness.CompletionOfAsync(AuditId);

        Assert.Equal(OrchestrationStatus.Completed, finished.RuntimeStatus);
        Assert.Equal(3, finished.ReadOutputAs<AuditReport>()!.Aggregates.Completed);
        Assert.Equal(AuditId, Assert.Single(reports.Saved).AuditId);
        Assert.Equal(
            new Uri($"https://meridian.example/api/audits/{AuditId}/regions/syd/result"),
            machines.Jobs.Single(job => job.Region == "syd").CallbackUrl);
    }

    [Fact]
    public async Task AddAuditOrchestration_records_a_monitors_audit_in_the_monitors_history()
    {
        const string monitorId = "mon-0192f0c1a2b37c4d8e9fa0b1c2d3e4f5";
        var monitors = new OneMonitorStore(new MonitorDocument(
            monitorId,
            new MonitorDefinition(null, Spec.Url, Spec.Regions, Spec.FormFactor, Spec.Runs, new MonitorSchedule(IntervalMinutes: 15), true, null, null),
            Revision: 1,
            TestClock.Origin,
            TestClock.Origin,
            new MonitorScheduleState(null),
            History: [],
            new MonitorAlertState(),
            Deliveries: []));
        await using var harness = new LocalHostHarness(services => services
            .AddMeridianCore(MeridianSettings())
            .AddSingleton(typeof(ILogger<>), typeof(NullLogger<>))
            .AddSingleton<IRegionMachines>(new InMemoryRegionMachines())
            .AddSingleton<IWorkerUploadUrlIssuer, FixedUploadUrls>()
            .AddSingleton<IRegionResultStore, NoStoredResults>()
            .AddSingleton<IAuditReportStore>(new InMemoryAuditReportStore())
            .AddSingleton<IMonitorStore>(monitors));
        harness.Host.AddAuditOrchestration();

        await harness.Host.ScheduleNewOrchestrationInstanceAsync(
            AuditOrchestration.Name, new AuditOrchestrationInput(Spec, CreatePacing.FlyDefault, monitorId), AuditId);
        await harness.RunningUntilAsync(AuditId, RegionsAre(RegionStatus.Running, RegionStatus.Running, RegionStatus.Running));
        foreach (var region in Spec.Regions)
        {
            await RegionAnswersAsync(harness.Host, region);
        }

        var finished = await harness.CompletionOfAsync(AuditId);

        Assert.Equal(OrchestrationStatus.Completed, finished.RuntimeStatus);
        Assert.Empty(finished.ReadOutputAs<AuditReport>()!.Warnings);
        var run = Assert.Single(monitors.Monitor.History);
        Assert.Equal(AuditId, run.AuditId);
        Assert.Equal(["iad", "lhr", "syd"], run.Regions.Select(region => region.Region));
        Assert.Equal(0.9, run.MedianPerformanceScore);
    }

    [Fact]
    public async Task AddAuditOrchestration_fails_an_instance_started_without_input_with_a_readable_reason()
    {
        await using var harness = new LocalHostHarness();
        harness.Host.AddAuditOrchestration();

        await harness.Host.ScheduleNewOrchestrationInstanceAsync(AuditOrchestration.Name, null, AuditId);
        var finished = await harness.CompletionOfAsync(AuditId);

        Assert.Equal(OrchestrationStatus.Failed, finished.RuntimeStatus);
        Assert.Contains("started without an AuditOrchestrationInput", finished.FailureMessage);
    }

    /// <summary>What the callback handler does once a worker's signed result has been checked.</summary>
    private static Task RegionAnswersAsync(LocalOrchestrationHost host, string region) =>
        host.RaiseEventAsync(AuditId, AuditOrchestration.RegionResultEventName(region), AuditScenario.Result(region, auditId: AuditId));

    private static Func<OrchestrationInstance, bool> RegionsAre(params RegionStatus[] statuses) =>
        instance => instance.ReadCustomStatusAs<AuditProgress>()?.Regions.Select(region => region.Status).SequenceEqual(statuses) == true;

    private static IConfiguration MeridianSettings() => new ConfigurationBuilder()
        .AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Meridian:CallbackBaseUrl"] = "https://meridian.example/",
            ["Meridian:CallbackSigningKey"] = Convert.ToBase64String([.. Enumerable.Range(1, 32).Select(i => (byte)i)]),
        })
        .Build();
}

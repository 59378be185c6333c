using Meridian.Contract.Delivery;
using Meridian.Core.Audits;
using Meridian.Core.Audits.Activities;
using Meridian.Core.Audits.Orchestration;
using Meridian.Core.Machines;
using Meridian.Core.Regions;
using Meridian.Testing.Orchestration;

namespace Meridian.Core.Tests.Audits.Orchestration;

/// <summary>
/// The audit orchestration on a real Durable engine, in real time, with scripted activities. Every
/// scenario runs on both engines: Durable Task's in-memory one and DurableTask.Core with the Azure
/// Storage backend on Azurite (the subclasses at the end of this file).
/// </summary>
public abstract class AuditOrchestrationScenarios<TEngine>(TEngine engine) : IClassFixture<TEngine>
    where TEngine : AuditEngine
{
    /// <summary>A deadline the silent regions wait out: short, yet far beyond what the answering ones take.</summary>
    private static readonly TimeSpan ShortDeadline = TimeSpan.FromSeconds(6);

    /// <summary>What the clocks of the test and of the engine may disagree by, and a timer may fire early by (Azure Storage: up to a second).</summary>
    private static readonly TimeSpan Slack = TimeSpan.FromSeconds(1.1);

    private AuditScenario Scenario(params string[] regions) => new(engine, regions);

    [Fact]
    public async Task Every_region_answering_completes_the_audit_with_their_results()
    {
        var scenario = Scenario("iad", "lhr", "syd");

        var run = await scenario.RunAsync();

        Assert.Null(run.Failure);
        var report = run.Output!;
        Assert.Equal(["iad", "lhr", "syd"], report.Regions.Select(r => r.Region));
        Assert.All(report.Regions, region =>
        {
            Assert.Equal(RegionStatus.Completed, region.Status);
            Assert.Equal(ResultDelivery.Callback, region.Delivery);
            Assert.Equal($"machine-{region.Region}", region.MachineId);
            Assert.Equal(0.9, region.Summary!.PerformanceScore);
        });
        Assert.Equal(3, report.Aggregates.Completed);
        Assert.Equal(0.9, report.Aggregates.MedianPerformanceScore);
        Assert.Equal(scenario.AuditId, report.AuditId);
        Assert.Equal(report.AuditId, Assert.Single(scenario.Stored).AuditId);
        Assert.Empty(run.CallsTo(nameof(DestroyRegionMachineActivity)));
        Assert.Equal(AuditProgressPhase.Completed, run.LastProgress!.Phase);
    }

    [Fact]
    public async Task Deadline_timer_is_cancelled_as_soon_as_every_region_has_answered()
    {
        var scenario = new AuditScenario(engine, "iad", "lhr") { Deadline = TimeSpan.FromMinutes(2) };

        var run = await scenario.RunAsync();

        // An uncancelled timer would keep the instance running until the deadline, two minutes away.
        Assert.Equal(2, run.Output!.Aggregates.Completed);
        Assert.True(run.Final.LastUpdatedAt - run.ScheduledAt < TimeSpan.FromSeconds(30), $"completed {run.Final.LastUpdatedAt - run.ScheduledAt} after it started");
    }

    [Fact]
    public async Task Region_that_never_calls_back_times_out_at_the_deadline_and_its_machine_is_destroyed()
    {
        var scenario = new AuditScenario(engine, "iad", "lhr", "syd") { Deadline = ShortDeadline }.NeverCallsBack("lhr");

        var run = await scenario.RunAsync();

        var lhr = run.Output!.Regions.Single(r => r.Region == "lhr");
        Assert.Equal(RegionStatus.TimedOut, lhr.Status);
        Assert.Contains("0.1-minute deadline", lhr.Reason);
        var destroy = Assert.Single(run.CallsTo(nameof(DestroyRegionMachineActivity))).Input<DestroyRegionMachineInput>();
        Assert.Equal(("lhr", "machine-lhr"), (destroy.Region, destroy.MachineId));
        Assert.Equal((2, 1), (run.Output.Aggregates.Completed, run.Output.Aggregates.TimedOut));

        // The fallback is looked for at the deadline, not before.
        var fallback = Assert.Single(run.CallsTo(nameof(CollectFallbackResultActivity)));
        Assert.True(fallback.At >= run.Output.StartedAt + scenario.Deadline - Slack, $"fallback read at {fallback.At:O}, deadline {run.Output.StartedAt + scenario.Deadline:O}");
    }

    [Fact]
    public async Task Silent_region_that_left_a_fallback_result_is_completed_from_it()
    {
        var scenario = new AuditScenario(engine, "iad", "gru") { Deadline = ShortDeadline };
        scenario.LeavesFallback("gru", scenario.Result("gru", score: 0.55, lcpMs: 4200));

        var run = await scenario.RunAsync();

        var gru = run.Output!.Regions.Single(r => r.Region == "gru");
        Assert.Equal(RegionStatus.Completed, gru.Status);
        Assert.Equal(ResultDelivery.Fallback, gru.Delivery);
        Assert.Equal(0.55, gru.Summary!.PerformanceScore);
        Assert.Equal("gru", run.Output.Aggregates.SlowestRegion);
        Assert.Equal(["gru"], run.CallsTo(nameof(DestroyRegionMachineActivity)).Select(c => c.Input<DestroyRegionMachineInput>().Region));
    }

    [Fact]
    public async Task Region_unavailable_at_create_is_recorded_with_Flys_reason_and_blocks_no_other()
    {
        const string flyReason = "insufficient resources to create new machine with existing volume";
        var scenario = Scenario("iad", "jnb", "syd").StartReturns("jnb", MachineStartResult.Unavailable(flyReason));

        var run = await scenario.RunAsync();

        var jnb = run.Output!.Regions.Single(r => r.Region == "jnb");
        Assert.Equal((RegionStatus.Unavailable, flyReason, (string?)null), (jnb.Status, jnb.Reason, jnb.MachineId));
        Assert.Equal((2, 1), (run.Output.Aggregates.Completed, run.Output.Aggregates.Unavailable));
        Assert.Empty(run.CallsTo(nameof(DestroyRegionMachineActivity)));
    }

    [Fact]
    public async Task Fly_failing_beyond_the_client_retries_fails_the_region_with_Flys_own_words()
    {
        // "A: B" is what the Functions host would cut down to "B" had it travelled as an exception message.
        const string flyWords = "Fly answered 503: Service Unavailable: try again later";
        var scenario = Scenario("iad", "ord").StartReturns("ord", MachineStartResult.Failed(flyWords));

        var run = await scenario.RunAsync();

        var ord = run.Output!.Regions.Single(r => r.Region == "ord");
        Assert.Equal(RegionStatus.Failed, ord.Status);
        Assert.Equal($"The machine could not be created: {flyWords}", ord.Reason);
        Assert.Equal(RegionStatus.Completed, run.Output.Regions.Single(r => r.Region == "iad").Status);
    }

    [Fact]
    public async Task Start_activity_failing_after_its_retries_fails_the_region_only_and_its_words_do_not_reach_the_report()
    {
        var scenario = Scenario("iad", "ord", "syd")
            .StartDoes("ord", _ => throw new InvalidOperationException("Fly API returned 422: invalid image"))
            .StartDoes("syd", _ => throw new InvalidOperationException("Service request failed.\r\nStatus: 503 (Server Busy)"));

        var run = await scenario.RunAsync();

        var ord = run.Output!.Regions.Single(r => r.Region == "ord");
        var syd = run.Output.Regions.Single(r => r.Region == "syd");
        Assert.Equal((RegionStatus.Failed, RegionStatus.Failed), (ord.Status, syd.Status));

        // The host rewrites exception messages on their way to the orchestration ("A: B" arrives as "B"):
        // the report says what the orchestration knows, the same sentence whatever the exception said.
        Assert.Equal(ord.Reason, syd.Reason);
        Assert.DoesNotContain("422", ord.Reason, StringComparison.Ordinal);
        Assert.Contains("3 times", ord.Reason, StringComparison.Ordinal);
        Assert.Equal(scenario.Retries.StartMachine.MaxAttempts, run.CallsTo(nameof(StartRegionMachineActivity)).Count(c => c.Input<StartRegionMachineInput>().Region == "ord"));
        Assert.Equal(RegionStatus.Completed, run.Output.Regions.Single(r => r.Region == "iad").Status);
    }

    [Fact]
    public async Task Configuration_error_stops_the_creates_not_yet_sent_and_says_so_once_per_region()
    {
        var regions = new[] { "ams", "arn", "bom", "cdg", "dfw", "ewr" };

        // The burst of three goes at once and cdg at 4 s; the first answer comes at 5.5 s (plus the engine's
        // dispatch); dfw (8 s) and ewr (12 s) are never sent. Margins of seconds: a loaded machine delays timers.
        var scenario = new AuditScenario(engine, regions) { MachineStartTime = TimeSpan.FromSeconds(5.5), Pacing = new CreatePacing(3, TimeSpan.FromSeconds(4)) };
        foreach (var region in regions)
        {
            scenario.StartReturns(region, MachineStartResult.ConfigurationError("unauthorized"));
        }

        var run = await scenario.RunAsync();

        Assert.Equal(["ams", "arn", "bom", "cdg"], run.CallsTo(nameof(StartRegionMachineActivity)).Select(c => c.Input<StartRegionMachineInput>().Region).Order());
        Assert.All(run.Output!.Regions, region =>
        {
            Assert.Equal(RegionStatus.Failed, region.Status);
            Assert.Equal("Fly rejected the machine configuration: unauthorized", region.Reason);
        });
    }

    [Fact]
    public async Task Duplicate_results_for_a_region_change_nothing()
    {
        var scenario = Scenario("iad", "lhr").NeverCallsBack("iad");
        scenario.RaisesAfter(TimeSpan.FromMilliseconds(400), "iad", scenario.Result("iad", score: 0.9))
            .RaisesAfter(TimeSpan.FromMilliseconds(1500), "iad", scenario.Result("iad", score: 0.1, resultId: "another-delivery"));

        var run = await scenario.RunAsync();

        var iad = run.Output!.Regions.Single(r => r.Region == "iad");
        Assert.Equal((RegionStatus.Completed, 0.9), (iad.Status, iad.Summary!.PerformanceScore));
    }

    [Fact]
    public async Task Result_raised_before_the_orchestration_waits_for_it_is_delivered()
    {
        // The worker answers while the start activity is still returning: the event is buffered.
        var scenario = new AuditScenario(engine, "iad") { MachineStartTime = TimeSpan.FromSeconds(2) }.NeverCallsBack("iad");
        scenario.RaisesAfter(TimeSpan.FromMilliseconds(300), "iad", scenario.Result("iad", score: 0.77));

        var run = await scenario.RunAsync();

        var iad = run.Output!.Regions.Single();
        Assert.Equal((RegionStatus.Completed, 0.77), (iad.Status, iad.Summary!.PerformanceScore));
    }

    [Fact]
    public async Task Result_arriving_after_the_deadline_changes_nothing()
    {
        var scenario = new AuditScenario(engine, "iad", "syd") { Deadline = ShortDeadline }.NeverCallsBack("syd");
        scenario.RaisesAfter(ShortDeadline + TimeSpan.FromSeconds(1.5), "syd", scenario.Result("syd"));

        var run = await scenario.RunAsync();

        Assert.Equal(RegionStatus.TimedOut, run.Output!.Regions.Single(r => r.Region == "syd").Status);
    }

    [Fact]
    public async Task Result_addressed_to_another_audit_or_region_is_not_taken()
    {
        var scenario = Scenario("iad").NeverCallsBack("iad");
        scenario.RaisesAfter(TimeSpan.FromMilliseconds(200), "iad", AuditScenario.Result("another-audit", "iad"))
            .RaisesAfter(TimeSpan.FromMilliseconds(300), "iad", scenario.Result("lhr"))
            .RaisesAfter(TimeSpan.FromMilliseconds(400), "iad", scenario.Result("iad", score: 0.66));

        var run = await scenario.RunAsync();

        Assert.Equal(0.66, run.Output!.Regions.Single().Summary!.PerformanceScore);
    }

    [Fact]
    public async Task Worker_reported_failure_is_a_failed_region_with_its_reason()
    {
        var scenario = Scenario("iad").NeverCallsBack("iad");
        scenario.RaisesAfter(TimeSpan.FromMilliseconds(300), "iad", scenario.FailedResult("iad", "Only 1 of 3 Lighthouse runs succeeded: NO_FCP"));

        var run = await scenario.RunAsync();

        var iad = run.Output!.Regions.Single();
        Assert.Equal((RegionStatus.Failed, "Only 1 of 3 Lighthouse runs succeeded: NO_FCP"), (iad.Status, iad.Reason));
        Assert.Null(run.Output.Aggregates.MedianPerformanceScore);
    }

    [Fact]
    public async Task Creates_for_all_18_regions_go_in_a_burst_of_3_then_one_per_interval_never_before_their_slot()
    {
        var all = RegionCatalog.All.Select(r => r.Code).ToArray();
        var pacing = new CreatePacing(3, TimeSpan.FromMilliseconds(300));
        var scenario = new AuditScenario(engine, all) { Pacing = pacing };

        var run = await scenario.RunAsync();

        Assert.Equal(18, run.Output!.Aggregates.Completed);
        var starts = run.CallsTo(nameof(StartRegionMachineActivity));
        Assert.Equal(all.Order(), starts.Select(c => c.Input<StartRegionMachineInput>().Region).Order());
        foreach (var (region, index) in all.Select((region, index) => (region, index)))
        {
            var start = starts.Single(c => c.Input<StartRegionMachineInput>().Region == region);
            var slot = pacing.SlotFor(index, run.Output.StartedAt);

            // Even where timers fire early, no create is sent before its slot (the clocks may differ by a few ms).
            Assert.True(start.At >= slot - TimeSpan.FromMilliseconds(50), $"{region} (#{index}) created {(slot - start.At).TotalMilliseconds:0} ms before its slot");
        }
    }

    [Fact]
    public async Task Every_machine_is_given_the_audits_deadline_not_its_own()
    {
        var scenario = Scenario([.. RegionCatalog.All.Take(6).Select(r => r.Code)]);

        var run = await scenario.RunAsync();

        Assert.All(
            run.CallsTo(nameof(StartRegionMachineActivity)),
            call => Assert.Equal(run.Output!.StartedAt + scenario.Deadline, call.Input<StartRegionMachineInput>().Deadline));
    }

    [Fact]
    public async Task Progress_shows_each_region_running_then_its_outcome()
    {
        var scenario = new AuditScenario(engine, "iad", "lhr") { Deadline = ShortDeadline }.NeverCallsBack("lhr");

        var instanceId = await scenario.StartAsync();
        var midway = await Eventually.ProgressAsync(
            scenario.Client, instanceId, progress => progress.Regions.Any(r => r.Status == RegionStatus.Completed));
        var run = await scenario.WaitAsync();

        Assert.Equal(AuditProgressPhase.Running, midway.Phase);
        Assert.Equal([RegionStatus.Completed, RegionStatus.Running], midway.Regions.Select(r => r.Status));
        Assert.Equal((0.9, 1800.0), (midway.Regions[0].Score, midway.Regions[0].LcpMs));
        var last = run.LastProgress!;
        Assert.Equal(AuditProgressPhase.Completed, last.Phase);
        Assert.Equal([RegionStatus.Completed, RegionStatus.TimedOut], last.Regions.Select(r => r.Status));
        Assert.Contains("deadline", last.Regions[1].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_that_cannot_be_stored_is_still_returned_with_a_warning()
    {
        var scenario = Scenario("iad").StoreReportDoes(_ => throw new IOException("blob service unavailable"));

        var run = await scenario.RunAsync();

        Assert.Null(run.Failure);
        Assert.Equal(RegionStatus.Completed, run.Output!.Regions.Single().Status);
        var warning = Assert.Single(run.Output.Warnings);
        Assert.Contains("could not be stored after 5 attempts", warning, StringComparison.Ordinal);
        Assert.Equal(scenario.Retries.StoreReport.MaxAttempts, run.CallsTo(nameof(StoreAuditReportActivity)).Count);
    }

    [Fact]
    public async Task Timed_out_region_whose_machine_crashed_says_so()
    {
        var scenario = new AuditScenario(engine, "iad") { Deadline = ShortDeadline }
            .NeverCallsBack("iad")
            .DestroyDoes(_ => new MachineExit(137, OomKilled: true, null));

        var run = await scenario.RunAsync();

        var iad = run.Output!.Regions.Single();
        Assert.Equal(RegionStatus.TimedOut, iad.Status);
        Assert.Equal("No result within the audit's 0.1-minute deadline. The machine ran out of memory (exit code 137).", iad.Reason);
    }

    [Fact]
    public async Task Machine_that_cannot_be_destroyed_is_a_warning_not_a_failed_audit()
    {
        var scenario = new AuditScenario(engine, "iad") { Deadline = ShortDeadline }
            .NeverCallsBack("iad")
            .DestroyDoes(_ => throw new HttpRequestException("timeout"));

        var run = await scenario.RunAsync();

        Assert.Null(run.Failure);
        Assert.Equal(RegionStatus.TimedOut, run.Output!.Regions.Single().Status);
        Assert.Contains(run.Output.Warnings, w => w.Contains("machine-iad could not be destroyed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Start_that_returns_after_the_deadline_has_its_machine_destroyed_by_the_orchestration()
    {
        var scenario = new AuditScenario(engine, "iad", "syd") { Deadline = ShortDeadline };
        scenario.StartDoes("syd", async _ =>
        {
            await Task.Delay(ShortDeadline + TimeSpan.FromSeconds(2));
            return MachineStartResult.Started("machine-syd-late");
        });

        var run = await scenario.RunAsync();

        var syd = run.Output!.Regions.Single(r => r.Region == "syd");
        Assert.Equal(RegionStatus.TimedOut, syd.Status);
        var destroy = Assert.Single(run.CallsTo(nameof(DestroyRegionMachineActivity)));
        Assert.Equal(("syd", "machine-syd-late"), (destroy.Input<DestroyRegionMachineInput>().Region, destroy.Input<DestroyRegionMachineInput>().MachineId));

        // The report did not wait for the late create: it was stored at the deadline.
        Assert.True(Assert.Single(run.CallsTo(nameof(StoreAuditReportActivity))).At < destroy.At);
    }

    [Fact]
    public async Task Monitor_audit_records_its_result_once_after_the_report_is_stored()
    {
        var scenario = new AuditScenario(engine, "iad", "syd") { MonitorId = "mon-0192f0c1a2b37c4d8e9fa0b1c2d3e4f5" };

        var run = await scenario.RunAsync();

        var record = Assert.Single(run.CallsTo(nameof(RecordMonitorResultActivity)));
        var store = Assert.Single(run.CallsTo(nameof(StoreAuditReportActivity)));
        Assert.True(record.At >= store.At, "the monitor's history must point at a stored report");
        var input = record.Input<RecordMonitorResultInput>();
        Assert.Equal(scenario.MonitorId, input.MonitorId);
        Assert.Equal(run.Output!.AuditId, input.Report.AuditId);
        Assert.Equal(2, input.Report.Aggregates.Completed);
    }

    [Fact]
    public async Task User_audit_records_nothing_for_monitors()
    {
        var scenario = Scenario("iad");

        var run = await scenario.RunAsync();

        Assert.Empty(run.CallsTo(nameof(RecordMonitorResultActivity)));
        Assert.Empty(scenario.Recorded);
    }

    [Fact]
    public async Task Monitor_result_that_cannot_be_recorded_leaves_the_report_intact_with_a_warning()
    {
        var scenario = new AuditScenario(engine, "iad", "syd") { MonitorId = "mon-0192f0c1a2b37c4d8e9fa0b1c2d3e4f5" }
            .RecordMonitorResultDoes(_ => throw new IOException("monitor store unavailable"));

        var run = await scenario.RunAsync();

        Assert.Null(run.Failure);
        Assert.Equal(2, run.Output!.Aggregates.Completed);
        var warning = Assert.Single(run.Output.Warnings);
        Assert.Equal(2, scenario.Stored.Count);
        Assert.Equal([warning], scenario.Stored[^1].Warnings);
        Assert.Contains("could not be recorded for monitor mon-0192f0c1a2b37c4d8e9fa0b1c2d3e4f5", warning, StringComparison.Ordinal);
        Assert.Equal(scenario.Retries.RecordMonitorResult.MaxAttempts, run.CallsTo(nameof(RecordMonitorResultActivity)).Count);
    }
}

public sealed class AuditOrchestrationOnTheInMemoryEngine(InMemoryAuditEngine engine)
    : AuditOrchestrationScenarios<InMemoryAuditEngine>(engine);

public sealed class AuditOrchestrationOnAzureStorage(AzureStorageAuditEngine engine)
    : AuditOrchestrationScenarios<AzureStorageAuditEngine>(engine);

using Meridian.Core.Activities;
using System.Text.Json;
using Meridian.Core.Audits;
using Meridian.Core.Durable;
using Meridian.Core.Orchestration;
using Meridian.Core.Regions;
using Meridian.Testing.Audits;
using Meridian.Testing.Durable;

namespace Meridian.Core.Tests.Orchestration;

public class AuditOrchestrationTests
{
    [Fact]
    public void Every_region_answering_completes_the_audit_with_their_results()
    {
        var scenario = new AuditScenario("iad", "lhr", "syd");

        var run = scenario.Run();

        var report = run.Output!;
        Assert.Null(run.Failure);
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
        Assert.Equal(AuditScenario.AuditId, report.AuditId);
        Assert.Equal(report.AuditId, Assert.Single(scenario.Stored).AuditId);
        Assert.Empty(scenario.Destroyed);
    }

    [Fact]
    public void Deadline_timer_is_cancelled_as_soon_as_every_region_has_answered()
    {
        var scenario = new AuditScenario("iad", "lhr");

        var run = scenario.Run();

        // Had the deadline timer been left running, the instance would only complete at the deadline.
        Assert.Equal(run.ReturnedAt, run.CompletedAt);
        Assert.True(run.CompletedAt < scenario.DeadlineAt);
        Assert.Equal(scenario.MachineStartTime + scenario.WorkerTime + TimeSpan.FromSeconds(1), run.CompletedAt - AuditScenario.Start);
    }

    [Fact]
    public void Region_that_never_calls_back_times_out_at_the_deadline_and_its_machine_is_destroyed()
    {
        var scenario = new AuditScenario("iad", "lhr", "syd").NeverCallsBack("lhr");

        var run = scenario.Run();

        var lhr = run.Output!.Regions.Single(r => r.Region == "lhr");
        Assert.Equal(RegionStatus.TimedOut, lhr.Status);
        Assert.Contains("10-minute deadline", lhr.Reason);
        Assert.Equal(["lhr"], scenario.Destroyed);
        Assert.Equal("machine-lhr", run.CallsTo(nameof(DestroyRegionMachineActivity)).Single().Input<DestroyRegionMachineInput>().MachineId);
        Assert.Equal(2, run.Output.Aggregates.Completed);
        Assert.Equal(1, run.Output.Aggregates.TimedOut);

        // The fallback is looked for at the deadline, not before.
        Assert.Equal(scenario.DeadlineAt, run.CallsTo(nameof(CollectFallbackResultActivity)).Single().ScheduledAt);
    }

    [Fact]
    public void Silent_region_that_left_a_fallback_result_is_completed_from_it()
    {
        var scenario = new AuditScenario("iad", "gru").LeavesFallback("gru", AuditScenario.Result("gru", score: 0.55, lcpMs: 4200));

        var run = scenario.Run();

        var gru = run.Output!.Regions.Single(r => r.Region == "gru");
        Assert.Equal(RegionStatus.Completed, gru.Status);
        Assert.Equal(ResultDelivery.Fallback, gru.Delivery);
        Assert.Equal(0.55, gru.Summary!.PerformanceScore);
        Assert.Equal("gru", run.Output.Aggregates.SlowestRegion);
        Assert.Equal(["gru"], scenario.Destroyed);
    }

    [Fact]
    public void Region_unavailable_at_create_is_recorded_with_Flys_reason_and_blocks_no_other()
    {
        const string flyReason = "insufficient resources to create new machine with existing volume";
        var scenario = new AuditScenario("iad", "jnb", "syd").StartReturns("jnb", MachineStartResult.Unavailable(flyReason));

        var run = scenario.Run();

        var jnb = run.Output!.Regions.Single(r => r.Region == "jnb");
        Assert.Equal(RegionStatus.Unavailable, jnb.Status);
        Assert.Equal(flyReason, jnb.Reason);
        Assert.Null(jnb.MachineId);
        Assert.Equal(2, run.Output.Aggregates.Completed);
        Assert.Equal(1, run.Output.Aggregates.Unavailable);
        Assert.True(run.CompletedAt < scenario.DeadlineAt, "an unavailable region must not hold the audit until the deadline");
        Assert.Empty(scenario.Destroyed);
    }

    [Fact]
    public void Start_activity_failing_after_its_retries_fails_the_region_only()
    {
        var scenario = new AuditScenario("iad", "ord").StartDoes("ord", _ => throw new HttpRequestException("503 Service Unavailable"));

        var run = scenario.Run();

        var ord = run.Output!.Regions.Single(r => r.Region == "ord");
        Assert.Equal(RegionStatus.Failed, ord.Status);
        Assert.Contains("503 Service Unavailable", ord.Reason);
        var ordStarts = run.CallsTo(nameof(StartRegionMachineActivity)).Where(c => c.Input<StartRegionMachineInput>().Region == "ord").ToList();
        Assert.Equal(AuditRetryPolicies.StartMachine.MaxNumberOfAttempts, ordStarts.Count);
        Assert.Equal(AuditRetryPolicies.StartMachine.FirstRetryInterval + scenario.MachineStartTime, ordStarts[1].ScheduledAt - ordStarts[0].ScheduledAt);
        Assert.Equal(RegionStatus.Completed, run.Output.Regions.Single(r => r.Region == "iad").Status);
    }

    [Fact]
    public void Configuration_error_stops_the_creates_not_yet_sent_and_says_so_once_per_region()
    {
        var regions = new[] { "ams", "arn", "bom", "cdg", "dfw", "ewr" };
        var scenario = new AuditScenario(regions) { MachineStartTime = TimeSpan.FromSeconds(2) };
        foreach (var region in regions)
        {
            scenario.StartReturns(region, MachineStartResult.ConfigurationError("unauthorized"));
        }

        var run = scenario.Run();

        // Sent before the first answer came back at 2 s: the burst of three and cdg's paced create at 1.2 s.
        // Never sent: dfw (2.4 s) and ewr (3.6 s).
        Assert.Equal(
            ["ams", "arn", "bom", "cdg"],
            run.CallsTo(nameof(StartRegionMachineActivity)).Select(c => c.Input<StartRegionMachineInput>().Region));
        Assert.All(run.Output!.Regions, region =>
        {
            Assert.Equal(RegionStatus.Failed, region.Status);
            Assert.Equal("Fly rejected the machine configuration: unauthorized", region.Reason);
        });
        Assert.True(run.CompletedAt < scenario.DeadlineAt);
    }

    [Fact]
    public void Duplicate_results_for_a_region_change_nothing()
    {
        var scenario = new AuditScenario("iad", "lhr");
        var eventName = AuditOrchestration.RegionResultEventName("iad");
        scenario.Host.RaiseEvent(AuditScenario.Start.AddSeconds(50), eventName, AuditScenario.Result("iad", score: 0.9));
        scenario.Host.RaiseEvent(AuditScenario.Start.AddSeconds(51), eventName, AuditScenario.Result("iad", score: 0.1));

        var run = scenario.Run();

        var iad = run.Output!.Regions.Single(r => r.Region == "iad");
        Assert.Equal(0.9, iad.Summary!.PerformanceScore);
        Assert.Equal(RegionStatus.Completed, iad.Status);
    }

    [Fact]
    public void Result_raised_before_the_orchestration_waits_for_it_is_delivered()
    {
        // The worker answers while the start activity is still returning: the event is buffered.
        var scenario = new AuditScenario("iad") { MachineStartTime = TimeSpan.FromSeconds(30) };
        scenario.StartDoes("iad", _ =>
        {
            scenario.Host.RaiseEventAfter(TimeSpan.FromSeconds(5), AuditOrchestration.RegionResultEventName("iad"), AuditScenario.Result("iad", score: 0.77));
            return MachineStartResult.Started("machine-iad");
        });

        var run = scenario.Run();

        var iad = run.Output!.Regions.Single();
        Assert.Equal(RegionStatus.Completed, iad.Status);
        Assert.Equal(0.77, iad.Summary!.PerformanceScore);
        Assert.Equal(AuditScenario.Start.AddSeconds(30), run.ReturnedAt.AddSeconds(-1));
    }

    [Fact]
    public void Result_arriving_after_the_deadline_changes_nothing()
    {
        var scenario = new AuditScenario("iad", "syd").NeverCallsBack("syd");
        scenario.Host.RaiseEvent(scenario.DeadlineAt.AddMilliseconds(500), AuditOrchestration.RegionResultEventName("syd"), AuditScenario.Result("syd"));

        var run = scenario.Run();

        Assert.Equal(RegionStatus.TimedOut, run.Output!.Regions.Single(r => r.Region == "syd").Status);
        Assert.Contains(run.History, e => e is EventRaised raised && raised.Name == AuditOrchestration.RegionResultEventName("syd"));
    }

    [Fact]
    public void Result_addressed_to_another_audit_or_region_is_not_taken()
    {
        var scenario = new AuditScenario("iad").NeverCallsBack("iad");
        var eventName = AuditOrchestration.RegionResultEventName("iad");
        scenario.Host.RaiseEvent(AuditScenario.Start.AddSeconds(20), eventName, AuditScenario.Result("iad", auditId: "another-audit"));
        scenario.Host.RaiseEvent(AuditScenario.Start.AddSeconds(21), eventName, AuditScenario.Result("lhr"));
        scenario.Host.RaiseEvent(AuditScenario.Start.AddSeconds(22), eventName, AuditScenario.Result("iad", score: 0.66));

        var run = scenario.Run();

        Assert.Equal(0.66, run.Output!.Regions.Single().Summary!.PerformanceScore);
    }

    [Fact]
    public void Worker_reported_failure_is_a_failed_region_with_its_reason()
    {
        var scenario = new AuditScenario("iad").NeverCallsBack("iad");
        scenario.Host.RaiseEvent(
            AuditScenario.Start.AddSeconds(30),
            AuditOrchestration.RegionResultEventName("iad"),
            AuditScenario.FailedResult("iad", "Only 1 of 3 Lighthouse runs succeeded: NO_FCP"));

        var run = scenario.Run();

        var iad = run.Output!.Regions.Single();
        Assert.Equal(RegionStatus.Failed, iad.Status);
        Assert.Equal("Only 1 of 3 Lighthouse runs succeeded: NO_FCP", iad.Reason);
        Assert.Equal(1, run.Output.Aggregates.Failed);
        Assert.Null(run.Output.Aggregates.MedianPerformanceScore);
    }

    [Fact]
    public void Creates_for_all_18_regions_are_paced_to_a_burst_of_3_then_one_every_1_2_seconds()
    {
        var all = RegionCatalog.All.Select(r => r.Code).ToArray();
        var scenario = new AuditScenario(all);

        var run = scenario.Run();

        var offsets = run.CallsTo(nameof(StartRegionMachineActivity))
            .Select(call => (call.ScheduledAt - AuditScenario.Start).TotalSeconds)
            .ToList();
        Assert.Equal([0, 0, 0, 1.2, 2.4, 3.6, 4.8, 6, 7.2, 8.4, 9.6, 10.8, 12, 13.2, 14.4, 15.6, 16.8, 18], offsets.Select(o => Math.Round(o, 3)));
        Assert.Equal(all, run.CallsTo(nameof(StartRegionMachineActivity)).Select(c => c.Input<StartRegionMachineInput>().Region));
        Assert.Equal(18, run.Output!.Aggregates.Completed);
    }

    [Fact]
    public void Every_machine_is_given_the_audits_deadline_not_its_own()
    {
        var scenario = new AuditScenario(RegionCatalog.All.Take(6).Select(r => r.Code).ToArray());

        var run = scenario.Run();

        Assert.All(
            run.CallsTo(nameof(StartRegionMachineActivity)),
            call => Assert.Equal(scenario.DeadlineAt, call.Input<StartRegionMachineInput>().Deadline));
    }

    [Fact]
    public void Progress_shows_each_region_moving_from_pending_to_running_to_its_outcome()
    {
        var scenario = new AuditScenario("iad", "lhr").NeverCallsBack("lhr");

        var run = scenario.Run();

        var statuses = run.CustomStatuses.Select(s => s.Read<AuditProgress>()).ToList();
        Assert.Equal([RegionStatus.Pending, RegionStatus.Pending], statuses[0].Regions.Select(r => r.Status));
        Assert.Contains(statuses, s => s.Regions.All(r => r.Status == RegionStatus.Running));
        Assert.Contains(statuses, s => s.Phase == AuditPhase.CollectingLateResults);
        var last = statuses[^1];
        Assert.Equal(AuditPhase.Completed, last.Phase);
        Assert.Equal([RegionStatus.Completed, RegionStatus.TimedOut], last.Regions.Select(r => r.Status));
    }

    [Fact]
    public void Report_that_cannot_be_stored_is_still_returned_with_a_warning()
    {
        var scenario = new AuditScenario("iad").StoreReportDoes(_ => throw new IOException("blob service unavailable"));

        var run = scenario.Run();

        Assert.Null(run.Failure);
        Assert.Equal(RegionStatus.Completed, run.Output!.Regions.Single().Status);
        Assert.Contains(run.Output.Warnings, w => w.Contains("could not be stored", StringComparison.Ordinal) && w.Contains("blob service unavailable", StringComparison.Ordinal));
        Assert.Equal(AuditRetryPolicies.StoreReport.MaxNumberOfAttempts, run.CallsTo(nameof(StoreAuditReportActivity)).Count);
    }

    [Fact]
    public void Timed_out_region_whose_machine_crashed_says_so()
    {
        var scenario = new AuditScenario("iad").NeverCallsBack("iad").DestroyDoes(_ => new MachineExit(137, OomKilled: true, null));

        var run = scenario.Run();

        var iad = run.Output!.Regions.Single();
        Assert.Equal(RegionStatus.TimedOut, iad.Status);
        Assert.Equal("No result within the audit's 10-minute deadline. The machine ran out of memory (exit code 137).", iad.Reason);
    }

    [Fact]
    public void Machine_that_cannot_be_destroyed_is_a_warning_not_a_failed_audit()
    {
        var scenario = new AuditScenario("iad").NeverCallsBack("iad").DestroyDoes(_ => throw new HttpRequestException("timeout"));

        var run = scenario.Run();

        Assert.Null(run.Failure);
        Assert.Equal(RegionStatus.TimedOut, run.Output!.Regions.Single().Status);
        Assert.Contains(run.Output.Warnings, w => w.Contains("machine-iad could not be destroyed", StringComparison.Ordinal));
    }

    [Fact]
    public void Monitor_audit_records_its_result_once_after_the_report_is_stored()
    {
        var scenario = new AuditScenario("iad", "syd") { MonitorId = "mon-0192f0c1a2b37c4d8e9fa0b1c2d3e4f5" };

        var run = scenario.Run();

        var record = Assert.Single(run.CallsTo(nameof(RecordMonitorResultActivity)));
        var store = Assert.Single(run.CallsTo(nameof(StoreAuditReportActivity)));
        Assert.True(record.TaskId > store.TaskId && record.ScheduledAt > store.ScheduledAt, "the monitor's history must point at a stored report");
        var input = record.Input<RecordMonitorResultInput>();
        Assert.Equal(scenario.MonitorId, input.MonitorId);
        Assert.Equal(JsonSerializer.Serialize(run.Output, DurableJson.Options), JsonSerializer.Serialize(input.Report, DurableJson.Options));
        Assert.Equal(2, input.Report.Aggregates.Completed);
        Assert.Equal(AuditPhase.Completed, run.LastCustomStatus<AuditProgress>().Phase);
    }

    [Fact]
    public void User_audit_records_nothing_for_monitors()
    {
        var scenario = new AuditScenario("iad");

        var run = scenario.Run();

        Assert.Empty(run.CallsTo(nameof(RecordMonitorResultActivity)));
        Assert.Empty(scenario.Recorded);
    }

    [Fact]
    public void Monitor_result_that_cannot_be_recorded_leaves_the_report_intact_with_a_warning()
    {
        var scenario = new AuditScenario("iad", "syd") { MonitorId = "mon-0192f0c1a2b37c4d8e9fa0b1c2d3e4f5" }
            .RecordMonitorResultDoes(_ => throw new IOException("monitor store unavailable"));

        var run = scenario.Run();

        Assert.Null(run.Failure);
        Assert.Equal(2, run.Output!.Aggregates.Completed);
        var warning = Assert.Single(run.Output.Warnings);
        Assert.Equal(2, scenario.Stored.Count);
        Assert.Equal([warning], scenario.Stored[^1].Warnings);
        Assert.Contains("could not be recorded for monitor mon-0192f0c1a2b37c4d8e9fa0b1c2d3e4f5", warning, StringComparison.Ordinal);
        Assert.Contains("monitor store unavailable", warning, StringComparison.Ordinal);
        Assert.Equal(AuditRetryPolicies.RecordMonitorResult.MaxNumberOfAttempts, run.CallsTo(nameof(RecordMonitorResultActivity)).Count);
    }
}

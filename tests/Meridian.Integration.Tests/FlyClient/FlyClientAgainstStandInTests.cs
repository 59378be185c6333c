using Meridian.Contract.Jobs;
using Meridian.Core.Audits.Orchestration;
using Meridian.Core.Machines;
using Meridian.Core.Machines.Fly;
using Meridian.Core.Regions;
using Meridian.Local.FlyStandIn;
using Meridian.Local.FlyStandIn.Faults;
using Meridian.Integration.Tests.FlyStandIn;
using Meridian.Testing.Audits;
using Meridian.Testing.Fly;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Moq;

namespace Meridian.Integration.Tests.FlyClient;

/// <summary>The real Refit client, resilience pipeline and lifecycle code against the local Fly stand-in over HTTP.</summary>
public class FlyClientAgainstStandInTests
{
    private static readonly ImageCommand LongWorker = ImageCommand.Shell("echo \"worker in $FLY_REGION for $MERIDIAN_AUDIT_ID\"; sleep 3600 & echo \"child $!\"; wait");

    private static WorkerJob Job(string region, string auditId = "audit-7") => TestWorkerJobs.Create(
        auditId,
        region,
        FormFactor.Desktop,
        callbackUrl: new Uri($"http://127.0.0.1:9/api/audits/{auditId}/regions/{region}/result"),
        deadline: DateTimeOffset.UtcNow.AddMinutes(10));

    [Fact]
    public async Task Machine_lives_from_create_to_destroy_with_the_job_in_its_environment()
    {
        await using var fly = await StandInFly.StartAsync(LongWorker);

        var start = await fly.Machines.StartAsync(Job("syd"), CancellationToken.None);

        Assert.Equal(MachineStartStatus.Started, start.Status);
        var machine = fly.Server.FindMachine(start.MachineId!)!;
        Assert.Equal(("syd", "started", "meridian-syd-audit-7"), (machine.Region, machine.State, machine.Name));
        Assert.Equal("audit-7", machine.Metadata[FlyMachineRequests.AuditIdMetadataKey]);
        var greeting = await Eventually.GetAsync(
            () => fly.Server.FindMachine(start.MachineId!)!.Output.Select(line => line.Text).FirstOrDefault(text => text.StartsWith("worker", StringComparison.Ordinal)),
            text => text is not null,
            "the worker's first line");
        Assert.Equal("worker in syd for audit-7", greeting);

        var exit = await fly.Machines.DestroyAsync("audit-7", "syd", start.MachineId, CancellationToken.None);

        Assert.Null(exit); // it was still running: no exit to report
        Assert.Equal("destroyed", fly.Server.FindMachine(start.MachineId!)!.State);
        Assert.False(LocalProcesses.IsAlive(machine.ProcessId!.Value));
    }

    [Fact]
    public async Task Create_whose_answer_was_lost_adopts_the_machine_it_made_and_makes_no_twin()
    {
        await using var fly = await StandInFly.StartAsync(LongWorker);
        fly.Server.Faults.LoseCreateAnswers(1);

        var start = await fly.Machines.StartAsync(Job("fra", "audit-lost"), CancellationToken.None);

        Assert.Equal(MachineStartStatus.Started, start.Status);
        var made = Assert.Single(fly.Server.Machines, machine => machine.Metadata.GetValueOrDefault(FlyMachineRequests.AuditIdMetadataKey) == "audit-lost");
        Assert.Equal(made.Id, start.MachineId);

        // Found by listing, not by sending the create again and counting on a name clash.
        Assert.Single(fly.Server.ArrivalsOf(FlyAction.Create));
    }

    [Fact]
    public async Task Machine_whose_launch_failed_fails_the_region_at_once_not_at_the_start_timeout()
    {
        await using var fly = await StandInFly.StartAsync(LongWorker, settings: new Dictionary<string, string?> { ["Fly:StartTimeoutSeconds"] = "600" });
        fly.Server.Faults.LaunchFails("nrt");

        var start = await fly.Machines.StartAsync(Job("nrt", "audit-launch"), CancellationToken.None);

        // Decided by the state Fly reports, not by the start timeout (600 s here).
        Assert.Equal(MachineStartStatus.Failed, start.Status);
        Assert.Contains("launch_failed", start.Reason, StringComparison.Ordinal);
        var machine = Assert.Single(fly.Server.Machines, m => m.Metadata.GetValueOrDefault(FlyMachineRequests.AuditIdMetadataKey) == "audit-launch");
        await Eventually.GetAsync(() => fly.Server.FindMachine(machine.Id)!.State, state => state == "destroyed", "the machine to be destroyed");
    }

    [Theory]
    [InlineData(400, "will not reach state started")]
    [InlineData(412, "instance_id is no longer current")]
    public async Task Wait_that_Fly_refuses_before_the_machine_started_fails_the_region_and_destroys_the_machine(int status, string words)
    {
        await using var fly = await StandInFly.StartAsync(LongWorker, settings: new Dictionary<string, string?> { ["Fly:StartTimeoutSeconds"] = "600" });
        fly.Server.Faults.SlowBoot("gru", TimeSpan.FromMinutes(5)); // still "created" when the wait is refused
        fly.Server.Faults.WaitRefused("gru", status);

        var start = await fly.Machines.StartAsync(Job("gru", $"audit-wait-{status}"), CancellationToken.None);

        Assert.Equal(MachineStartStatus.Failed, start.Status);
        Assert.Contains(words, start.Reason, StringComparison.Ordinal);
        var machine = Assert.Single(fly.Server.Machines, m => m.Metadata.GetValueOrDefault(FlyMachineRequests.AuditIdMetadataKey) == $"audit-wait-{status}");
        Assert.Equal("destroyed", fly.Server.FindMachine(machine.Id)!.State); // by the client, before it answered
    }

    [Fact]
    public async Task Hung_machine_found_by_metadata_is_destroyed_with_its_whole_process_tree()
    {
        await using var fly = await StandInFly.StartAsync(LongWorker);
        fly.Server.Faults.Hangs("lhr");
        var start = await fly.Machines.StartAsync(Job("lhr"), CancellationToken.None);
        var tree = await Eventually.GetAsync(
            () => LocalProcesses.WithEnvironment("FLY_MACHINE_ID", start.MachineId!), pids => pids.Count >= 2, "the hung shell and its child");

        await fly.Machines.DestroyAsync("audit-7", "lhr", machineId: null, CancellationToken.None);

        Assert.Equal("destroyed", fly.Server.FindMachine(start.MachineId!)!.State);
        await Eventually.TrueAsync(() => tree.All(pid => !LocalProcesses.IsAlive(pid)), "every process of the hung machine to die");
    }

    [Fact]
    public async Task Crashing_worker_is_seen_as_an_exit_with_its_code()
    {
        await using var fly = await StandInFly.StartAsync(LongWorker, autoDestroyDelay: TimeSpan.FromMinutes(5));
        fly.Server.Faults.WorkerCrashes("gru", exitCode: 3);

        var start = await fly.Machines.StartAsync(Job("gru"), CancellationToken.None);
        await Eventually.GetAsync(() => fly.Server.FindMachine(start.MachineId!)!.State, state => state == "stopped", "the crashed machine to stop");
        var exit = await fly.Machines.DestroyAsync("audit-7", "gru", start.MachineId, CancellationToken.None);

        Assert.Equal(MachineStartStatus.Started, start.Status);
        Assert.NotNull(exit);
        Assert.Equal(3, exit.ExitCode);
        Assert.False(exit.OomKilled);
        Assert.NotNull(exit.ExitedAt);
        Assert.Equal("The machine exited with code 3.", exit.Describe());
    }

    [Theory]
    [InlineData(CapacityErrorKind.InsufficientResources)]
    [InlineData(CapacityErrorKind.InsufficientMemory)]
    [InlineData(CapacityErrorKind.OverQuota)]
    public async Task Capacity_errors_make_the_region_unavailable_with_Flys_text(CapacityErrorKind kind)
    {
        await using var fly = await StandInFly.StartAsync(LongWorker);
        fly.Server.Faults.CapacityError("jnb", kind);

        var start = await fly.Machines.StartAsync(Job("jnb"), CancellationToken.None);
        var other = await fly.Machines.StartAsync(Job("ams"), CancellationToken.None);

        Assert.Equal(MachineStartStatus.RegionUnavailable, start.Status);
        Assert.StartsWith("Fly answered 4", start.Reason, StringComparison.Ordinal);
        Assert.Equal(MachineStartStatus.Started, other.Status);
    }

    [Fact]
    public async Task A_429_storm_is_survived_without_losing_a_region()
    {
        await using var fly = await StandInFly.StartAsync(LongWorker);
        fly.Server.Faults.RateLimitStorm(8);
        string[] regions = ["ams", "cdg", "fra", "lhr", "arn", "iad"];

        // All at once, as if pacing were off: the client's retries alone must carry every region.
        var starts = await Task.WhenAll(regions.Select(region => fly.Machines.StartAsync(Job(region), CancellationToken.None)));

        Assert.All(starts, start => Assert.Equal(MachineStartStatus.Started, start.Status));
        Assert.Equal(regions.Order(), fly.Server.Machines.Select(m => m.Region).Order());
    }

    [Fact]
    public async Task Eighteen_creates_sent_at_once_are_held_to_Flys_create_limit_and_draw_no_429()
    {
        await using var fly = await StandInFly.StartAsync(LongWorker);
        var regions = Meridian.Core.Regions.RegionCatalog.All.Select(region => region.Code).ToList();

        // However the engine bunches the activities up, the client sends creates at Fly's pace.
        var starts = await Task.WhenAll(regions.Select(region => fly.Machines.StartAsync(Job(region), CancellationToken.None)));

        Assert.All(starts, start => Assert.Equal(MachineStartStatus.Started, start.Status));
        Assert.Equal(0, fly.Server.RateLimitedResponsesOf(FlyAction.Create));
        Assert.Equal(18, fly.Server.Machines.Count);
    }

    [Fact]
    public async Task Server_errors_on_create_are_retried_into_one_machine()
    {
        await using var fly = await StandInFly.StartAsync(LongWorker);
        fly.Server.Faults.ServerErrors(2, 503, FlyAction.Create);

        var start = await fly.Machines.StartAsync(Job("ord"), CancellationToken.None);

        Assert.Equal(MachineStartStatus.Started, start.Status);
        Assert.Single(fly.Server.Machines);
    }

    [Fact]
    public async Task Slow_boot_is_waited_for_in_several_polls()
    {
        await using var fly = await StandInFly.StartAsync(LongWorker);
        fly.Server.Faults.SlowBoot("nrt", TimeSpan.FromSeconds(2));

        var start = await fly.Machines.StartAsync(Job("nrt"), CancellationToken.None);

        Assert.Equal(MachineStartStatus.Started, start.Status);
        Assert.Equal("started", fly.Server.FindMachine(start.MachineId!)!.State);
    }

    [Theory]
    [InlineData("Fly:ApiToken", "wrong-token", "401")]
    [InlineData("Fly:WorkerImage", "registry.fly.io/unknown:1", "422")]
    [InlineData("Fly:AppName", "someone-elses-app", "404")]
    public async Task Wrong_settings_are_a_configuration_error_not_a_region_failure(string setting, string value, string status)
    {
        await using var fly = await StandInFly.StartAsync(LongWorker, settings: new Dictionary<string, string?> { [setting] = value });

        var start = await fly.Machines.StartAsync(Job("iad"), CancellationToken.None);

        Assert.Equal(MachineStartStatus.ConfigurationError, start.Status);
        Assert.Contains($"Fly answered {status}", start.Reason, StringComparison.Ordinal);
        Assert.Empty(fly.Server.Machines);
    }

    [Fact]
    public async Task Platform_regions_come_back_through_the_generated_client()
    {
        await using var fly = await StandInFly.StartAsync(LongWorker);

        var regions = await fly.Services.GetRequiredService<IFlyMachinesApi>().ListPlatformRegionsAsync(CancellationToken.None);

        Assert.Equal(Meridian.Core.Regions.RegionCatalog.All.Select(r => r.Code), regions.Regions.Select(r => r.Code).Order());
        Assert.All(regions.Regions, region => Assert.False(string.IsNullOrEmpty(region.Name)));
    }

    [Fact]
    public async Task Orphan_sweep_destroys_machines_of_finished_audits_only_and_reads_past_and_leaves_machines_it_did_not_make()
    {
        var orchestrations = new Mock<DurableTaskClient>("mock");
        orchestrations.Setup(c => c.GetInstanceAsync("audit-finished", false, It.IsAny<CancellationToken>()))
            .ReturnsAsync(new OrchestrationMetadata("AuditOrchestration", "audit-finished") { RuntimeStatus = OrchestrationRuntimeStatus.Completed });
        orchestrations.Setup(c => c.GetInstanceAsync("audit-running", false, It.IsAny<CancellationToken>()))
            .ReturnsAsync(new OrchestrationMetadata("AuditOrchestration", "audit-running") { RuntimeStatus = OrchestrationRuntimeStatus.Running });
        const string Unreadable = """{ "id": "e2865013b30e86", "region": "ord", "config": { "image": "x" } }""";
        await using var fly = await StandInFly.StartAsync(LongWorker, foreignMachines: [FlyShapes.ForeignMachine, Unreadable]);
        var finished = await fly.Machines.StartAsync(Job("iad", "audit-finished"), CancellationToken.None);
        var running = await fly.Machines.StartAsync(Job("iad", "audit-running"), CancellationToken.None);

        var sweep = await fly.Services.GetRequiredService<OrphanMachineSweeper>().SweepAsync(orchestrations.Object, CancellationToken.None);

        Assert.Equal([finished.MachineId!], sweep.Destroyed);
        Assert.Equal(["e2865013b30e86"], sweep.Skipped);
        Assert.Equal(0, fly.Server.ForeignMachinesDeleted);
        Assert.Equal("destroyed", fly.Server.FindMachine(finished.MachineId!)!.State);
        Assert.Equal("started", fly.Server.FindMachine(running.MachineId!)!.State);
    }
}

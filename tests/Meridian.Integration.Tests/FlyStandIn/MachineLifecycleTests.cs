using System.Net;
using Meridian.Core.Machines.Fly;
using Meridian.Core.Regions;
using Meridian.Local.FlyStandIn;
using Meridian.Integration.Tests.Monitors.Api;

namespace Meridian.Integration.Tests.FlyStandIn;

public sealed class MachineLifecycleTests(StandInFixture fixture) : IClassFixture<StandInFixture>, IDisposable
{
    private StandInApi Api { get; } = new(fixture.Server);

    private FlyStandInServer Server => fixture.Server;

    public void Dispose() => Api.Dispose();

    [Fact]
    public async Task Machine_goes_from_created_through_started_and_stopped_to_destroyed_with_the_real_exit_code()
    {
        var created = await Api.CreateAsync(StandInApi.Request(TestImages.ExitSeven, region: "syd", autoDestroy: true));
        Assert.Equal("created", created.State);
        Assert.Matches("^[0-9a-f]{14}$", created.Id);
        Assert.Equal("syd", created.Region);

        await Api.WaitAsync(created.Id, "stopped");
        var stopped = await Api.GetAsync(created.Id);
        Assert.Equal("stopped", stopped.State);
        Assert.Equal(["exit", "start", "launch"], stopped.Events!.Select(e => e.Type));
        Assert.All(stopped.Events!, e => Assert.Equal("flyd", e.Source));
        var exit = stopped.Events![0].Request!.Exit!;
        Assert.Equal(7, exit.ExitCode);
        Assert.False(exit.RequestedStop);
        Assert.False(exit.OomKilled);
        Assert.NotNull(exit.ExitedAt);

        await Api.WaitAsync(created.Id, "destroyed");
        using var afterDestroy = await Api.GetRawAsync(created.Id);
        Assert.Equal("machine not found", (await StandInApi.ErrorAsync(afterDestroy, HttpStatusCode.NotFound)).Error);

        var snapshot = Server.FindMachine(created.Id)!;
        Assert.Equal("destroyed", snapshot.State);
        Assert.Equal(7, snapshot.ExitCode);
        Assert.Contains(snapshot.Output, line => line.Text == "about to fail" && !line.IsStandardError);
    }

    [Fact]
    public async Task Process_gets_the_machine_env_and_Fly_variables()
    {
        var env = new Dictionary<string, string> { ["AUDIT_ID"] = "audit-42", ["FLY_REGION"] = "spoofed" };
        var machine = await Api.CreateAsync(StandInApi.Request(TestImages.PrintEnvironment, region: "lhr", env: env));

        var snapshot = await Eventually.GetAsync(() => Server.FindMachine(machine.Id)!, m => m.State == "stopped", "the env image to exit");

        var lines = snapshot.Output.Select(line => line.Text).ToList();
        Assert.Contains("AUDIT_ID=audit-42", lines);
        Assert.Contains("FLY_REGION=lhr", lines);
        Assert.Contains($"FLY_MACHINE_ID={machine.Id}", lines);
        Assert.Contains($"FLY_APP_NAME={StandInApi.App}", lines);
        Assert.Contains($"FLY_IMAGE_REF={TestImages.PrintEnvironment}", lines);
    }

    [Fact]
    public async Task Wait_answers_408_on_timeout_and_200_once_the_state_is_reached()
    {
        var machine = await Api.CreateAsync(StandInApi.Request(TestImages.Tree));

        await Api.WaitAsync(machine.Id, "started");
        using var timedOut = await Api.WaitRawAsync(machine.Id, "stopped", timeoutSeconds: 1);
        var error = await StandInApi.ErrorAsync(timedOut, HttpStatusCode.RequestTimeout);
        Assert.Equal("deadline_exceeded: machine did not reach state stopped", error.Error);

        using var deleted = await Api.DeleteRawAsync(machine.Id, force: true);
        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
    }

    [Fact]
    public async Task Wait_in_progress_returns_when_the_state_is_reached()
    {
        var machine = await Api.CreateAsync(StandInApi.Request(TestImages.IgnoresTerm));

        // "started" means launched, not that the shell has set its trap yet: wait for its line.
        await Eventually.TrueAsync(() => TestImages.ChildPid(Server.FindMachine(machine.Id)!) is not null, "the image to set its trap");

        // Ignoring SIGTERM, the machine stays "stopping" until the stop timeout kills it.
        using var stop = await Api.StopRawAsync(machine.Id, new StopMachineRequest { Timeout = "1s" });
        Assert.Equal("stopping", (await Api.GetAsync(machine.Id)).State);

        using var reached = await Api.WaitRawAsync(machine.Id, "stopped", timeoutSeconds: 30);

        Assert.Equal(HttpStatusCode.OK, reached.StatusCode);
        Assert.Equal("{\"ok\":true}", await reached.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("force=true")]
    [InlineData("kill=true")]
    public async Task Delete_of_a_running_machine_needs_force_which_kills_the_whole_process_tree(string forceQuery)
    {
        var machine = await Api.CreateAsync(StandInApi.Request(TestImages.Tree));
        var running = await Eventually.GetAsync(
            () => Server.FindMachine(machine.Id)!, m => TestImages.ChildPid(m) is not null, "the tree image to print its child");
        var parent = running.ProcessId!.Value;
        var child = TestImages.ChildPid(running)!.Value;
        Assert.True(LocalProcesses.IsAlive(child));

        using var refused = await Api.DeleteRawAsync(machine.Id);
        Assert.Equal(
            "failed_precondition: machine still active, refusing to delete",
            (await StandInApi.ErrorAsync(refused, HttpStatusCode.PreconditionFailed)).Error);
        Assert.True(LocalProcesses.IsAlive(child));

        using var forced = await Api.DeleteRawAsync(machine.Id, force: true, forceQuery);
        Assert.Equal(HttpStatusCode.OK, forced.StatusCode);
        await Eventually.TrueAsync(() => !LocalProcesses.IsAlive(parent) && !LocalProcesses.IsAlive(child), "the shell and its sleep to be gone");

        using var get = await Api.GetRawAsync(machine.Id);
        using var wait = await Api.WaitRawAsync(machine.Id, "started");
        using var stop = await Api.StopRawAsync(machine.Id);
        using var delete = await Api.DeleteRawAsync(machine.Id, force: true);
        Assert.All([get, wait, stop, delete], response => Assert.Equal(HttpStatusCode.NotFound, response.StatusCode));
        Assert.Equal("destroyed", Server.FindMachine(machine.Id)!.State);
    }

    [Fact]
    public async Task Stop_sends_SIGTERM_and_records_a_requested_stop()
    {
        var machine = await Api.CreateAsync(StandInApi.Request(TestImages.GracefulOnTerm));
        var running = await Eventually.GetAsync(
            () => Server.FindMachine(machine.Id)!, m => TestImages.ChildPid(m) is not null, "the image to print its child");

        using var stop = await Api.StopRawAsync(machine.Id);
        Assert.Equal(HttpStatusCode.OK, stop.StatusCode);
        await Api.WaitAsync(machine.Id, "stopped");

        var exit = (await Api.GetAsync(machine.Id)).Events![0].Request!.Exit!;
        Assert.Equal(0, exit.ExitCode);
        Assert.True(exit.RequestedStop);
        Assert.Contains(Server.FindMachine(machine.Id)!.Output, line => line.Text == "got TERM");
        // The machine has stopped: nothing it started may outlive it.
        await Eventually.TrueAsync(() => !LocalProcesses.IsAlive(TestImages.ChildPid(running)!.Value), "the orphaned sleep to be killed");
    }

    [Fact]
    public async Task Stop_kills_the_tree_when_the_process_outlives_the_stop_timeout()
    {
        var machine = await Api.CreateAsync(StandInApi.Request(
            TestImages.IgnoresTerm, stopConfig: new StopConfig { Signal = "SIGTERM", Timeout = "30s" }));
        await Eventually.TrueAsync(() => TestImages.ChildPid(Server.FindMachine(machine.Id)!) is not null, "the image to start");

        // The request's timeout wins over stop_config's.
        using var stop = await Api.StopRawAsync(machine.Id, new StopMachineRequest { Timeout = "500ms" });
        Assert.Equal(HttpStatusCode.OK, stop.StatusCode);
        await Api.WaitAsync(machine.Id, "stopped", timeoutSeconds: 10);

        var exit = (await Api.GetAsync(machine.Id)).Events![0].Request!.Exit!;
        Assert.Equal(128 + 9, exit.ExitCode);
        Assert.True(exit.RequestedStop);
    }

    [Fact]
    public async Task Start_runs_the_image_of_a_stopped_machine_again()
    {
        var machine = await Api.CreateAsync(StandInApi.Request(TestImages.ExitSeven));
        await Api.WaitAsync(machine.Id, "stopped");
        var firstPid = Server.FindMachine(machine.Id)!.ProcessId;

        using var start = await Api.StartRawAsync(machine.Id);
        Assert.Equal(HttpStatusCode.OK, start.StatusCode);
        Assert.Contains("\"previous_state\":\"stopped\"", await start.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var again = await Eventually.GetAsync(
            () => Api.GetAsync(machine.Id), m => m.Events!.Count(e => e.Type == "exit") == 2 && m.State == "stopped", "the second run to exit");
        Assert.Equal(["exit", "start", "exit", "start", "launch"], again.Events!.Select(e => e.Type));
        Assert.NotEqual(firstPid, Server.FindMachine(machine.Id)!.ProcessId);
    }

    [Fact]
    public async Task Start_of_an_auto_destroyed_machine_is_refused()
    {
        var machine = await Api.CreateAsync(StandInApi.Request(TestImages.ExitSeven, autoDestroy: true));
        await Api.WaitAsync(machine.Id, "stopped");

        using var start = await Api.StartRawAsync(machine.Id);

        Assert.True(start.StatusCode is HttpStatusCode.PreconditionFailed or HttpStatusCode.NotFound, $"got {start.StatusCode}");
    }

    [Fact]
    public async Task List_filters_by_region_and_metadata_and_leaves_out_destroyed_machines()
    {
        var run = Guid.NewGuid().ToString("N");
        Dictionary<string, string> Metadata(string kind) => new() { ["run"] = run, ["kind"] = kind };
        var iadA = await Api.CreateAsync(StandInApi.Request(TestImages.ExitZero, region: "iad", metadata: Metadata("a")));
        var iadB = await Api.CreateAsync(StandInApi.Request(TestImages.ExitZero, region: "iad", metadata: Metadata("b")));
        var sydA = await Api.CreateAsync(StandInApi.Request(TestImages.ExitZero, region: "syd", metadata: Metadata("a")));

        Assert.Equal(Ids(iadA, iadB, sydA), Ids([.. await Api.ListAsync($"?metadata.run={run}")]));
        Assert.Equal(Ids(iadA, iadB), Ids([.. await Api.ListAsync($"?region=iad&metadata.run={run}")]));
        Assert.Equal(Ids(iadA, sydA), Ids([.. await Api.ListAsync($"?metadata.run={run}&metadata.kind=a")]));
        Assert.Empty(await Api.ListAsync($"?region=syd&metadata.run={run}&metadata.kind=b"));

        await Api.WaitAsync(iadB.Id, "stopped");
        using var deleted = await Api.DeleteRawAsync(iadB.Id);
        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        Assert.Equal(Ids(iadA, sydA), Ids([.. await Api.ListAsync($"?metadata.run={run}")]));
    }

    [Fact]
    public async Task Name_is_unique_among_machines_not_destroyed_and_a_twin_is_refused_in_Flys_words()
    {
        var name = $"audit-{Guid.NewGuid():N}-iad";
        var first = await Api.CreateAsync(StandInApi.Request(TestImages.Tree, name: name));
        Assert.Equal(name, first.Name);

        using var twin = await Api.CreateRawAsync(StandInApi.Request(TestImages.Tree, name: name));
        Assert.Equal(
            $"already_exists: unique machine name violation, machine ID {first.Id} already exists with name \"{name}\"",
            (await StandInApi.ErrorAsync(twin, HttpStatusCode.Conflict)).Error);

        using var deleted = await Api.DeleteRawAsync(first.Id, force: true);
        var second = await Api.CreateAsync(StandInApi.Request(TestImages.Tree, name: name));
        Assert.NotEqual(first.Id, second.Id);
        using var cleanup = await Api.DeleteRawAsync(second.Id, force: true);
    }

    [Fact]
    public async Task Platform_regions_are_the_catalog()
    {
        using var response = await Api.Http.GetAsync("platform/regions");
        var regions = await StandInApi.ReadAsync(response, HttpStatusCode.OK, FlyJsonContext.Default.PlatformRegionsResponse);

        Assert.Equal(Meridian.Core.Regions.RegionCatalog.All.Select(r => r.Code), regions.Regions.Select(r => r.Code));
    }

    private static SortedSet<string> Ids(params Machine[] machines) => new(machines.Select(m => m.Id), StringComparer.Ordinal);
}

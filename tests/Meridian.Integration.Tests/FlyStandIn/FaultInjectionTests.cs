using System.Net;
using Meridian.Core.Machines.Fly;
using Meridian.Local.FlyStandIn;
using Meridian.Local.FlyStandIn.Faults;
using Meridian.Integration.Tests.Monitors.Api;

namespace Meridian.Integration.Tests.FlyStandIn;

/// <summary>Each test has its own stand-in, as faults are server-wide.</summary>
public sealed class FaultInjectionTests
{
    [Fact]
    public async Task Rate_limit_storm_answers_429_to_the_next_requests_of_any_action()
    {
        await using var server = await FlyStandInServer.StartAsync(StandInApi.Options());
        using var api = new StandInApi(server);
        server.Faults.RateLimitStorm(2);

        using var create = await api.CreateRawAsync(StandInApi.Request(TestImages.ExitZero));
        using var list = await api.Http.GetAsync($"apps/{StandInApi.App}/machines");
        using var afterStorm = await api.CreateRawAsync(StandInApi.Request(TestImages.ExitZero));

        Assert.Equal(TimeSpan.FromSeconds(1), create.Headers.RetryAfter?.Delta);
        Assert.Equal("rate limit exceeded", (await StandInApi.ErrorAsync(create, HttpStatusCode.TooManyRequests)).Error);
        Assert.Equal(HttpStatusCode.TooManyRequests, list.StatusCode);
        Assert.Equal(HttpStatusCode.OK, afterStorm.StatusCode);
    }

    [Fact]
    public async Task Storm_can_be_aimed_at_one_action()
    {
        await using var server = await FlyStandInServer.StartAsync(StandInApi.Options());
        using var api = new StandInApi(server);
        server.Faults.RateLimitStorm(1, FlyAction.Create);

        using var list = await api.Http.GetAsync($"apps/{StandInApi.App}/machines");
        using var create = await api.CreateRawAsync(StandInApi.Request(TestImages.ExitZero));
        using var secondCreate = await api.CreateRawAsync(StandInApi.Request(TestImages.ExitZero));

        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, create.StatusCode);
        Assert.Equal(HttpStatusCode.OK, secondCreate.StatusCode);
    }

    [Theory]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(503)]
    public async Task Server_errors_fail_the_next_requests_then_stop(int status)
    {
        await using var server = await FlyStandInServer.StartAsync(StandInApi.Options());
        using var api = new StandInApi(server);
        server.Faults.ServerErrors(2, status);

        using var first = await api.CreateRawAsync(StandInApi.Request(TestImages.ExitZero));
        using var second = await api.CreateRawAsync(StandInApi.Request(TestImages.ExitZero));
        using var third = await api.CreateRawAsync(StandInApi.Request(TestImages.ExitZero));

        Assert.NotNull((await StandInApi.ErrorAsync(first, (HttpStatusCode)status)).Error);
        Assert.Equal((HttpStatusCode)status, second.StatusCode);
        Assert.Equal(HttpStatusCode.OK, third.StatusCode);
        Assert.Single(server.Machines);
    }

    [Theory]
    [InlineData(CapacityErrorKind.InsufficientResources, 412, "insufficient resources available to fulfill request", "insufficient_capacity")]
    [InlineData(CapacityErrorKind.InsufficientMemory, 409, "insufficient memory available to fulfill request", null)]
    [InlineData(CapacityErrorKind.OverQuota, 403, "over the allowed quota", null)]
    public async Task Capacity_error_refuses_creates_in_that_region_only(CapacityErrorKind kind, int status, string error, string? code)
    {
        await using var server = await FlyStandInServer.StartAsync(StandInApi.Options());
        using var api = new StandInApi(server);
        server.Faults.CapacityError("syd", kind);

        using var refused = await api.CreateRawAsync(StandInApi.Request(TestImages.ExitZero, region: "syd"));
        using var elsewhere = await api.CreateRawAsync(StandInApi.Request(TestImages.ExitZero, region: "iad"));

        var body = await StandInApi.ErrorAsync(refused, (HttpStatusCode)status);
        Assert.Contains(error, body.Error, StringComparison.Ordinal);
        Assert.Equal(code, body.Status);
        if (kind == CapacityErrorKind.OverQuota)
        {
            Assert.Contains("consider other regions", body.Error, StringComparison.Ordinal);
        }

        Assert.Equal(HttpStatusCode.OK, elsewhere.StatusCode);

        server.Faults.ClearRegion("syd");
        using var cleared = await api.CreateRawAsync(StandInApi.Request(TestImages.ExitZero, region: "syd"));
        Assert.Equal(HttpStatusCode.OK, cleared.StatusCode);
    }

    [Fact]
    public async Task Region_faults_can_come_from_the_options()
    {
        var faults = new Dictionary<string, RegionFault> { ["cdg"] = new() { CapacityError = CapacityErrorKind.OverQuota } };
        await using var server = await FlyStandInServer.StartAsync(StandInApi.Options(regionFaults: faults));
        using var api = new StandInApi(server);

        using var refused = await api.CreateRawAsync(StandInApi.Request(TestImages.ExitZero, region: "cdg"));

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }

    [Fact]
    public async Task Slow_boot_keeps_the_machine_created_for_the_delay()
    {
        await using var server = await FlyStandInServer.StartAsync(StandInApi.Options());
        using var api = new StandInApi(server);
        server.Faults.SlowBoot("gru", TimeSpan.FromSeconds(3));

        var machine = await api.CreateAsync(StandInApi.Request(TestImages.Tree, region: "gru"));

        using var notYet = await api.WaitRawAsync(machine.Id, "started", timeoutSeconds: 1);
        Assert.Equal(HttpStatusCode.RequestTimeout, notYet.StatusCode);
        Assert.Equal("created", (await api.GetAsync(machine.Id)).State);
        await api.WaitAsync(machine.Id, "started", timeoutSeconds: 20);
    }

    [Fact]
    public async Task Crashing_worker_exits_with_the_given_code_instead_of_running_the_image()
    {
        await using var server = await FlyStandInServer.StartAsync(StandInApi.Options());
        using var api = new StandInApi(server);
        server.Faults.WorkerCrashes("nrt", exitCode: 3);

        var machine = await api.CreateAsync(StandInApi.Request(TestImages.ExitZero, region: "nrt"));
        await api.WaitAsync(machine.Id, "stopped");

        Assert.Equal(3, (await api.GetAsync(machine.Id)).Events![0].Request!.Exit!.ExitCode);
        var output = server.FindMachine(machine.Id)!.Output;
        Assert.Contains(output, line => line.IsStandardError && line.Text.Contains("crashing", StringComparison.Ordinal));
        Assert.DoesNotContain(output, line => line.Text == "the real image ran");
    }

    [Fact]
    public async Task Worker_that_never_calls_back_exits_0_at_once_without_running_the_image()
    {
        await using var server = await FlyStandInServer.StartAsync(StandInApi.Options());
        using var api = new StandInApi(server);
        server.Faults.NeverCallsBack("bom");

        var machine = await api.CreateAsync(StandInApi.Request(TestImages.ExitSeven, region: "bom", autoDestroy: true));
        await api.WaitAsync(machine.Id, "destroyed");

        var snapshot = server.FindMachine(machine.Id)!;
        Assert.Equal(0, snapshot.ExitCode);
        Assert.DoesNotContain(snapshot.Output, line => line.Text == "about to fail");
    }

    [Fact]
    public async Task Hanging_worker_never_exits_until_its_tree_is_killed()
    {
        await using var server = await FlyStandInServer.StartAsync(StandInApi.Options());
        using var api = new StandInApi(server);
        server.Faults.Hangs("jnb");

        var machine = await api.CreateAsync(StandInApi.Request(TestImages.ExitZero, region: "jnb", autoDestroy: true));
        await api.WaitAsync(machine.Id, "started");
        using var stillRunning = await api.WaitRawAsync(machine.Id, "stopped", timeoutSeconds: 1);
        Assert.Equal(HttpStatusCode.RequestTimeout, stillRunning.StatusCode);

        var shell = server.FindMachine(machine.Id)!.ProcessId!.Value;
        var tree = LocalProcesses.WithEnvironment("FLY_MACHINE_ID", machine.Id);
        Assert.True(tree.Count >= 2, $"expected the shell and its sleep, found {tree.Count}"); // env is inherited by the sleep
        Assert.Contains(shell, tree);

        using var deleted = await api.DeleteRawAsync(machine.Id, force: true);
        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        await Eventually.TrueAsync(() => tree.All(pid => !LocalProcesses.IsAlive(pid)), "the hanging tree to be killed");
    }
}

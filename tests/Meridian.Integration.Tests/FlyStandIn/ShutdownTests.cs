using System.Diagnostics;
using System.Net;
using Meridian.Core.Machines.Fly;
using Meridian.Local.FlyStandIn;
using Meridian.Integration.Tests.Monitors.Api;

namespace Meridian.Integration.Tests.FlyStandIn;

public sealed class ShutdownTests
{
    [Fact]
    public async Task Dispose_leaves_no_machine_process_behind()
    {
        var app = $"shutdown-{Guid.NewGuid():N}"[..30];
        var server = await FlyStandInServer.StartAsync(StandInApi.Options(appName: app));
        using var api = new StandInApi(server);
        server.Faults.Hangs("jnb");
        server.Faults.SlowBoot("syd", TimeSpan.FromSeconds(1));

        string[] images = [TestImages.Tree, TestImages.GracefulOnTerm, TestImages.IgnoresTerm];
        var running = new List<string>();
        foreach (var image in images)
        {
            running.Add((await CreateAsync(api, app, StandInApi.Request(image))).Id);
        }

        running.Add((await CreateAsync(api, app, StandInApi.Request(TestImages.ExitZero, region: "jnb"))).Id);
        var notBooted = await CreateAsync(api, app, StandInApi.Request(TestImages.Tree, region: "syd"));

        // Each running machine is a shell and a sleep, all carrying the app's name in their environment.
        await Eventually.TrueAsync(
            () => LocalProcesses.WithEnvironment("FLY_APP_NAME", app).Count == 2 * running.Count, "every machine's tree to be up");
        var pids = LocalProcesses.WithEnvironment("FLY_APP_NAME", app);

        var stopwatch = Stopwatch.StartNew();
        await server.DisposeAsync();
        stopwatch.Stop();

        Assert.All(pids, pid => Assert.False(LocalProcesses.IsAlive(pid), $"process {pid} outlived the stand-in"));
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(10), $"dispose took {stopwatch.Elapsed}");

        // The machine still booting at dispose never starts its process.
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        Assert.Empty(LocalProcesses.WithEnvironment("FLY_APP_NAME", app));
        Assert.Null(server.FindMachine(notBooted.Id)!.ProcessId);
    }

    [Fact]
    public async Task Dispose_ends_long_polling_waits()
    {
        var server = await FlyStandInServer.StartAsync(StandInApi.Options());
        using var api = new StandInApi(server);
        var machine = await api.CreateAsync(StandInApi.Request(TestImages.Tree));
        await api.WaitAsync(machine.Id, "started");
        var waiting = api.WaitRawAsync(machine.Id, "destroyed", timeoutSeconds: 60);

        var stopwatch = Stopwatch.StartNew();
        await server.DisposeAsync();

        try
        {
            using var response = await waiting;
            Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        }
        catch (HttpRequestException)
        {
            // The connection closing is an answer too.
        }

        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(10), $"dispose and the wait took {stopwatch.Elapsed}");
    }

    private static async Task<Meridian.Core.Machines.Fly.Machine> CreateAsync(StandInApi api, string app, Meridian.Core.Machines.Fly.CreateMachineRequest request)
    {
        using var response = await api.CreateRawAsync(request, app);
        return await StandInApi.ReadAsync(response, HttpStatusCode.OK, Meridian.Core.Machines.Fly.FlyJsonContext.Default.Machine);
    }
}

using Meridian.Local.FlyStandIn;
using Meridian.Integration.Tests.Monitors.Api;

namespace Meridian.Integration.Tests.FlyStandIn;

/// <summary>Machines of a stand-in that was killed before it could stop them (FlyStandInOptions.StateDirectory).</summary>
public sealed class LeftoverMachineTests : IDisposable
{
    private readonly string state = Path.Combine(Path.GetTempPath(), $"meridian-fly-state-test-{Guid.NewGuid():N}");

    [Fact]
    public async Task A_stand_in_started_on_the_state_directory_of_one_that_was_killed_kills_its_machines_process_groups()
    {
        // Never disposed before the second starts: it stands for a stand-in killed with SIGKILL.
        var first = await FlyStandInServer.StartAsync(StandInApi.Options(stateDirectory: state));
        try
        {
            using var api = new StandInApi(first);
            first.Faults.Hangs("jnb");
            var machine = await api.CreateAsync(StandInApi.Request(TestImages.Tree, region: "jnb"));
            await api.WaitAsync(machine.Id, "started");
            var group = await Eventually.GetAsync(
                () => LocalProcesses.WithEnvironment("FLY_MACHINE_ID", machine.Id), pids => pids.Count == 2, "the hanging machine's shell and its sleep");
            var leader = first.FindMachine(machine.Id)!.ProcessId!.Value;

            var recorded = Directory.EnumerateFiles(state).Select(Path.GetFileName).ToList();
            await using var second = await FlyStandInServer.StartAsync(StandInApi.Options(stateDirectory: state));

            Assert.Contains(leader, group);
            Assert.False(
                LocalProcesses.IsAlive(leader), $"the first stand-in's machine ({leader}) outlived the second's start; recorded before it: [{string.Join(", ", recorded)}]");
            await Eventually.TrueAsync(() => !group.Any(LocalProcesses.IsAlive), "the rest of the machine's process group to die with its leader");
        }
        finally
        {
            await first.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_machine_is_recorded_in_the_state_directory_while_it_runs_and_its_record_removed_when_it_is_destroyed()
    {
        await using var server = await FlyStandInServer.StartAsync(StandInApi.Options(stateDirectory: state));
        using var api = new StandInApi(server);
        var machine = await api.CreateAsync(StandInApi.Request(TestImages.Tree));
        await api.WaitAsync(machine.Id, "started");
        var whileRunning = Directory.EnumerateFiles(state).Select(Path.GetFileName).ToList();

        using var deleted = await api.DeleteRawAsync(machine.Id, force: true);

        Assert.True(deleted.IsSuccessStatusCode, $"force delete: {(int)deleted.StatusCode}");
        Assert.StartsWith($"{server.FindMachine(machine.Id)!.ProcessId}-", Assert.Single(whileRunning), StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFiles(state));
    }

    public void Dispose()
    {
        if (Directory.Exists(state))
        {
            Directory.Delete(state, recursive: true);
        }
    }
}

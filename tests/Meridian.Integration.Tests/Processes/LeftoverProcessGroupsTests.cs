using System.Globalization;
using Meridian.Integration.Tests.FlyStandIn;
using Meridian.Local.Processes;

namespace Meridian.Integration.Tests.Processes;

public sealed class LeftoverProcessGroupsTests : IDisposable
{
    private readonly string records = Path.Combine(Path.GetTempPath(), $"meridian-process-groups-test-{Guid.NewGuid():N}");

    [Fact]
    public async Task A_recorded_group_still_running_is_killed_whole_by_the_next_host_and_its_record_deleted()
    {
        var child = new TaskCompletionSource<int>();
        var leader = GroupLeaderProcess.Start("/bin/sh", ["-c", "sleep 3600 & echo \"child $!\"; wait"], [], null, (line, _) =>
        {
            if (line.StartsWith("child ", StringComparison.Ordinal))
            {
                child.TrySetResult(int.Parse(line["child ".Length..], CultureInfo.InvariantCulture));
            }
        });
        _ = new LeftoverProcessGroups(records).Record(leader.Id); // never disposed: its host "was killed"
        var childId = await child.Task.WaitAsync(TimeSpan.FromSeconds(10));

        var killed = await new LeftoverProcessGroups(records).KillAsync();

        Assert.Equal([leader.Id], killed);
        Assert.False(LocalProcesses.IsAlive(leader.Id), $"the leader ({leader.Id}) outlived the kill");
        await Eventually.TrueAsync(() => !LocalProcesses.IsAlive(childId), $"the leader's child ({childId}) to die with its group");
        Assert.Empty(Directory.EnumerateFiles(records));
    }

    [Fact]
    public async Task A_record_whose_pid_now_belongs_to_another_process_is_not_killed_and_is_deleted()
    {
        var other = GroupLeaderProcess.Start("sleep", ["3600"], [], null, (_, _) => { });
        try
        {
            // The record's start time is not this process's: the pid was reused since it was written.
            Directory.CreateDirectory(records);
            File.WriteAllBytes(Path.Combine(records, string.Create(CultureInfo.InvariantCulture, $"{other.Id}-1")), []);

            var killed = await new LeftoverProcessGroups(records).KillAsync();

            Assert.Empty(killed);
            Assert.True(LocalProcesses.IsAlive(other.Id), $"process {other.Id} was killed for a record that was not its own");
            Assert.Empty(Directory.EnumerateFiles(records));
        }
        finally
        {
            other.KillTree();
            await other.Exited;
        }
    }

    [Fact]
    public async Task A_record_of_a_group_that_ended_is_deleted_and_files_not_named_like_records_are_left_alone()
    {
        var exited = GroupLeaderProcess.Start("/bin/sh", ["-c", "exit 0"], [], null, (_, _) => { });
        Directory.CreateDirectory(records);
        File.WriteAllText(Path.Combine(records, "notes.txt"), "not a record");
        File.WriteAllBytes(Path.Combine(records, string.Create(CultureInfo.InvariantCulture, $"{exited.Id}-1")), []);
        await exited.Exited;

        var killed = await new LeftoverProcessGroups(records).KillAsync();

        Assert.Empty(killed);
        Assert.Equal(["notes.txt"], Directory.EnumerateFiles(records).Select(Path.GetFileName));
    }

    [Fact]
    public async Task Disposing_a_record_deletes_it_so_a_group_that_ended_normally_leaves_nothing()
    {
        var leader = GroupLeaderProcess.Start("sleep", ["3600"], [], null, (_, _) => { });
        var record = new LeftoverProcessGroups(records).Record(leader.Id);
        var recorded = Directory.EnumerateFiles(records).Select(Path.GetFileName).ToList();

        leader.KillTree();
        await leader.Exited;
        record.Dispose();

        Assert.StartsWith($"{leader.Id}-", Assert.Single(recorded), StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFiles(records));
    }

    public void Dispose()
    {
        if (Directory.Exists(records))
        {
            Directory.Delete(records, recursive: true);
        }
    }
}

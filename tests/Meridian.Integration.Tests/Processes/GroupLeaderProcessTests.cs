using System.Globalization;
using Meridian.Integration.Tests.FlyStandIn;
using Meridian.Local.Processes;

namespace Meridian.Integration.Tests.Processes;

/// <summary>
/// A descendant that leaves the group and its session (setsid, as Lighthouse's Chrome launcher starts
/// Chromium) is still found by the group's tag, and killed with the group.
/// </summary>
public sealed class GroupLeaderProcessTests
{
    [Fact]
    public async Task KillTree_kills_a_descendant_that_left_the_group_and_session()
    {
        var (leader, escaped) = await StartWithEscapedChildAsync("wait");

        leader.KillTree();
        await leader.Exited.WaitAsync(TimeSpan.FromSeconds(10));

        await Eventually.TrueAsync(() => !LocalProcesses.IsAlive(escaped), $"the escaped child ({escaped}) to die with its group");
    }

    [Fact]
    public async Task A_descendant_that_left_the_group_dies_when_the_leader_exits()
    {
        var (leader, escaped) = await StartWithEscapedChildAsync("sleep 0.5; exit 3");

        Assert.Equal(3, await leader.Exited.WaitAsync(TimeSpan.FromSeconds(10)));

        await Eventually.TrueAsync(() => !LocalProcesses.IsAlive(escaped), $"the escaped child ({escaped}) to die with its leader");
    }

    [Fact]
    public async Task A_started_process_carries_a_tag_of_its_own()
    {
        var (first, firstChild) = await StartWithEscapedChildAsync("wait");
        var (second, secondChild) = await StartWithEscapedChildAsync("wait");
        try
        {
            first.KillTree();
            await Eventually.TrueAsync(() => !LocalProcesses.IsAlive(firstChild), "the first group's child to die");

            Assert.True(LocalProcesses.IsAlive(secondChild), "the other group's child was killed with the first group");
        }
        finally
        {
            second.KillTree();
        }
    }

    /// <summary>Starts sh, which starts `setsid sleep 3600` and then runs <paramref name="thenRun"/>.</summary>
    private static async Task<(GroupLeaderProcess Leader, int EscapedChild)> StartWithEscapedChildAsync(string thenRun)
    {
        var child = new TaskCompletionSource<int>();
        var leader = GroupLeaderProcess.Start("/bin/sh", ["-c", $"setsid sleep 3600 & echo \"child $!\"; {thenRun}"], [], null, (line, _) =>
        {
            if (line.StartsWith("child ", StringComparison.Ordinal))
            {
                child.TrySetResult(int.Parse(line["child ".Length..], CultureInfo.InvariantCulture));
            }
        });
        return (leader, await child.Task.WaitAsync(TimeSpan.FromSeconds(10)));
    }
}

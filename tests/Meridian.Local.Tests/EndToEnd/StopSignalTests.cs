using Meridian.Local.Processes;
using Meridian.Testing.Orchestration;

namespace Meridian.Local.Tests.EndToEnd;

/// <summary>
/// The local host as a user runs it, stopped as a user or a supervisor stops it: Ctrl+C (SIGINT) and
/// SIGTERM end <c>serve</c> and <c>audit</c> in order, with the exit code a shell expects (128 + the
/// signal); SIGKILL gives the host no chance at all, and what it started (Azurite, the workers,
/// Lighthouse and the Chromium it starts in a session of its own) must notice and end by itself.
/// Each test then counts the processes left that carry the host's environment marker.
/// </summary>
[Collection(EndToEnd.Name)]
public sealed class StopSignalTests : IDisposable
{
    // Bounds for a hang, not speed claims (stopping takes 2–4 s here; the closing notes have figures).
    private static readonly TimeSpan StopBound = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan LeftoverBound = TimeSpan.FromSeconds(15);

    private readonly string data = Directory.CreateTempSubdirectory("meridian-e2e-signals-").FullName;

    [Theory]
    [InlineData(2, 130)] // SIGINT, Ctrl+C
    [InlineData(Signals.SigTerm, 143)]
    public async Task Serve_stops_on_a_signal_with_its_exit_code_and_leaves_nothing_running(int signal, int exitCode)
    {
        using var host = LocalHostProcess.Start(["serve", "--port", "0", "--data", data]);
        await host.WaitForLineAsync(line => line.StartsWith("Press Ctrl+C", StringComparison.Ordinal), TimeSpan.FromSeconds(90));
        Assert.NotEmpty(host.Descendants); // Azurite at least: else the count below proves nothing

        Assert.True(Signals.Send(host.Id, signal));

        Assert.Equal(exitCode, await host.WaitForExitAsync(StopBound));
        Assert.Contains("Stopping: no new work is taken", host.Output, StringComparison.Ordinal);
        await Eventually.TrueAsync(() => host.Descendants.Count == 0, LeftoverBound);
    }

    [Fact]
    public async Task Audit_cut_short_by_SIGTERM_says_which_regions_did_not_finish_and_exits_143_leaving_nothing_running()
    {
        // The real Lighthouse, three runs a region: both regions are mid-run when the signal comes, and
        // their Chromium (started in a session of its own) must go with their machines.
        using var host = LocalHostProcess.Start(["audit", "--demo", "--regions", "iad,lhr", "--runs", "3", "--data", data]);
        await host.WaitForLineAsync(line => line.EndsWith(" iad running", StringComparison.Ordinal), TimeSpan.FromSeconds(120));
        await host.WaitForLineAsync(line => line.EndsWith(" lhr running", StringComparison.Ordinal), TimeSpan.FromSeconds(30));
        await Eventually.TrueAsync(() => ChromiumAmong(host.Descendants) > 0, TimeSpan.FromSeconds(60));

        Assert.True(Signals.Send(host.Id, Signals.SigTerm));

        Assert.Equal(143, await host.WaitForExitAsync(StopBound));
        Assert.Contains("was cut short; 2 region(s) had not finished (iad, lhr)", host.Output, StringComparison.Ordinal);
        await Eventually.TrueAsync(() => host.Descendants.Count == 0, LeftoverBound);
    }

    [Fact]
    public async Task Audit_killed_with_SIGKILL_mid_run_leaves_no_Azurite_worker_or_Chromium_running()
    {
        // The real Lighthouse and Chromium: Chromium is what escapes a process group.
        using var host = LocalHostProcess.Start(["audit", "--demo", "--regions", "iad,lhr", "--runs", "1", "--data", data]);
        await Eventually.TrueAsync(() => ChromiumAmong(host.Descendants) > 0, TimeSpan.FromSeconds(120));

        Assert.True(Signals.Send(host.Id, Signals.SigKill));

        await host.WaitForExitAsync(StopBound);
        await Eventually.TrueAsync(() => host.Descendants.Count == 0, LeftoverBound);
    }

    public void Dispose() => Directory.Delete(data, recursive: true);

    private static int ChromiumAmong(IReadOnlyList<int> processes) => Processes.WithCommandLine("/chromium").Intersect(processes).Count();
}

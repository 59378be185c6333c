using System.Diagnostics;
using System.Text.Json;
using Meridian.Contract.Results;
using Meridian.Contract;
using Meridian.Testing.Web;
using Meridian.Testing.Worker;
using Meridian.Worker.Lighthouse;

namespace Meridian.Worker.Tests.Integration;

/// <summary>Fly stops a machine with SIGTERM and kills it 30 s later: the worker must still report.</summary>
[Collection(RealLighthouse.Name)]
public sealed class WorkerShutdownTests(WorkerTestBed bed)
{
    [Fact]
    public async Task Sigterm_mid_run_stops_lighthouse_and_delivers_a_failed_result_within_the_stop_grace()
    {
        var callback = new RecordingCallback();
        await using var server = await LoopbackServer.StartAsync(callback.Map);
        var job = await bed.EnvironmentAsync(WorkerTestBed.NewAuditId(), bed.Pages.Url(TestPages.HangingPath), server.Url(RecordingCallback.Path), runs: 3);

        // Its own temporary folder, which names its Chrome profiles: other tests' Chromes on this machine are not this worker's.
        var temporary = Directory.CreateTempSubdirectory("meridian-shutdown-test-").FullName;
        var environment = job.Append(new KeyValuePair<string, string?>("TMPDIR", temporary));
        var signalled = Stopwatch.StartNew();

        var run = await WorkerProcess.RunAsync(environment, async pid =>
        {
            // Long enough for Chrome to be up and waiting on the page that never answers.
            await Task.Delay(TimeSpan.FromSeconds(6));
            using var kill = Process.Start("kill", ["-TERM", pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            await kill.WaitForExitAsync();
            signalled.Restart();
        });

        Assert.Equal(WorkerExitCodes.Delivered, run.ExitCode);
        Assert.True(signalled.Elapsed < TimeSpan.FromSeconds(25), $"Took {signalled.Elapsed} after SIGTERM:\n{run.Output}");
        var result = JsonSerializer.Deserialize<RegionResult>(Assert.Single(callback.Received).Body, ContractJson.Options)!;
        Assert.False(result.Succeeded);
        Assert.Contains("asked to stop", result.FailureReason, StringComparison.Ordinal);
        Assert.Empty(ProcessSweep.FindMarked(temporary));
        Directory.Delete(temporary, recursive: true);
    }
}

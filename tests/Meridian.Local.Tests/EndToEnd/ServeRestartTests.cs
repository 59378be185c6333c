using System.Diagnostics;
using System.Net;
using Meridian.Contract.Delivery;
using Meridian.Core.Audits;
using Meridian.Core.Audits.Api;
using Meridian.Core.Http;
using Meridian.Core.Regions;
using Meridian.Local.Hosting;
using Meridian.Local.Processes;
using Meridian.Testing.Audits;
using Meridian.Testing.Orchestration;
using Meridian.Testing.Worker;

namespace Meridian.Local.Tests.EndToEnd;

/// <summary>
/// Nothing lost on a restart: <c>serve</c> as its own process, killed with SIGKILL in the middle of
/// an audit and started again on the same port and data folder. Its task hub lives in Azurite's data,
/// so the new host resumes the audit: the region that delivered before the kill stays completed, the
/// one still running when its machine died with the host ends at the deadline, and nothing the first
/// host started is left running. The workers are real processes with an instant Lighthouse; the one in
/// syd hangs, as a stuck Chrome does. About three minutes: the shortest deadline is two.
/// </summary>
[Collection(EndToEnd.Name)]
public sealed class ServeRestartTests : IDisposable
{
    private readonly string data = Directory.CreateTempSubdirectory("meridian-e2e-restart-").FullName;
    private readonly int port = LoopbackPort.PickFree();

    [Fact]
    public async Task A_host_killed_mid_audit_and_started_again_completes_the_audit_and_leaves_nothing_running()
    {
        var lighthouse = InstantLighthouse.WriteTo(Path.Combine(data, "tools"));
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
        string? auditId = null;
        try
        {
            using (var first = StartServe(lighthouse))
            {
                await WaitUntilServingAsync(http, first);
                auditId = await AuditCalls.StartAsync(
                    http, new AuditRequest(new Uri(http.BaseAddress!, DemoPage.Path).AbsoluteUri, ["iad", "syd"], Runs: 1, DeadlineMinutes: 2));
                await WaitForAsync(http, auditId, state => state.Regions.Any(region => region.Region == "iad" && region.Status == RegionStatus.Completed));
                await Eventually.TrueAsync(() => Processes.WithEnvironment($"MERIDIAN_AUDIT_ID={auditId}").Count > 0, TimeSpan.FromSeconds(30));

                first.Kill();
                await first.WaitForExitAsync();
            }

            using var second = StartServe(lighthouse);
            await WaitUntilServingAsync(http, second);
            var finished = await AuditCalls.WaitAsync(http, auditId, TimeSpan.FromMinutes(4));

            Assert.Equal("completed", finished.Status);
            var regions = finished.Report!.Regions.ToDictionary(region => region.Region);
            Assert.Equal((RegionStatus.Completed, ResultDelivery.Callback), (regions["iad"].Status, regions["iad"].Delivery));
            Assert.Equal(RegionStatus.TimedOut, regions["syd"].Status);

            // The hung syd worker died with the first host (its group watcher saw the host go), and no worker is left.
            Assert.Empty(Processes.WithEnvironment($"MERIDIAN_AUDIT_ID={auditId}"));

            Assert.True(Signals.Send(second.Id, Signals.SigTerm));
            using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await second.WaitForExitAsync(stopping.Token);
            Assert.Equal(143, second.ExitCode); // 128 + SIGTERM, as a shell reports it
        }
        finally
        {
            // Whatever a failed run left: the hosts, Azurite on this folder, the workers of this audit.
            Processes.KillAll(Processes.WithCommandLine(data));
            if (auditId is not null)
            {
                Processes.KillAll(Processes.WithEnvironment($"MERIDIAN_AUDIT_ID={auditId}"));
            }
        }
    }

    public void Dispose() => Directory.Delete(data, recursive: true);

    private Process StartServe(string lighthouse)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, "Meridian.Local.dll"), "serve", "--port", $"{port}", "--allow-private", "--data", data })
        {
            start.ArgumentList.Add(argument);
        }

        // The host's environment reaches its machines, as the stand-in hands it to each process.
        start.Environment["MERIDIAN_LIGHTHOUSE_CLI"] = lighthouse;
        start.Environment[InstantLighthouse.HangInRegions] = "syd";
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task WaitUntilServingAsync(HttpClient http, Process host)
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        while (true)
        {
            Assert.False(host.HasExited, $"serve exited with code {(host.HasExited ? host.ExitCode : 0)} before it answered");
            try
            {
                using var response = await http.GetAsync($"{ApiRoutes.Prefix}/{ApiRoutes.OpenApi}", limit.Token);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(250, limit.Token);
        }
    }

    private static async Task WaitForAsync(HttpClient http, string auditId, Func<AuditView, bool> shows)
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        while (true)
        {
            var state = await AuditCalls.GetAsync(http, auditId, limit.Token);
            if (shows(state))
            {
                return;
            }

            Assert.Equal("running", state.Status);
            await Task.Delay(250, limit.Token);
        }
    }
}

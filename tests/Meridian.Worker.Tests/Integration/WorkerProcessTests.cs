using System.Diagnostics;
using Meridian.Core.Activities;
using Meridian.Testing.Audits;
using Meridian.Testing.Web;

namespace Meridian.Worker.Tests.Integration;

/// <summary>The worker as the machine runs it: a process, its exit code and its output.</summary>
public sealed class WorkerProcessTests
{
    [Fact]
    public async Task Malformed_environment_exits_2_naming_each_problem_and_posts_nothing()
    {
        var callback = new RecordingCallback();
        await using var server = await LoopbackServer.StartAsync(callback.Map);
        var environment = WorkerEnvironment.For(TestWorkerJobs.Create(callbackUrl: server.Url(RecordingCallback.Path)))
            .ToDictionary(pair => pair.Key, pair => pair.Value);
        environment.Remove(WorkerEnvironment.TargetUrl);
        environment[WorkerEnvironment.Runs] = "twelve";
        environment[WorkerEnvironment.Deadline] = "tomorrow";
        const string BrokenKey = "c2VjcmV0LWJ1dC10b28tc2hvcnQ";
        environment[WorkerEnvironment.CallbackKey] = BrokenKey;

        var (exitCode, output) = await RunWorkerAsync(environment);

        Assert.Equal(WorkerExitCodes.BadEnvironment, exitCode);
        Assert.Contains("MERIDIAN_TARGET_URL is missing", output, StringComparison.Ordinal);
        Assert.Contains("MERIDIAN_RUNS must be a whole number from 1 to 9, not 'twelve'", output, StringComparison.Ordinal);
        Assert.Contains("MERIDIAN_DEADLINE must be an RFC 3339 time", output, StringComparison.Ordinal);
        Assert.Contains("MERIDIAN_CALLBACK_KEY must be a 32-byte key", output, StringComparison.Ordinal);
        Assert.DoesNotContain(BrokenKey, output, StringComparison.Ordinal);
        Assert.DoesNotContain("sig=", output, StringComparison.Ordinal);
        Assert.Empty(callback.Received);
    }

    private static async Task<(int ExitCode, string Output)> RunWorkerAsync(IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Meridian.Worker.dll"));
        foreach (var name in start.Environment.Keys.Where(name => name.StartsWith("MERIDIAN_", StringComparison.Ordinal) || name == "FLY_REGION").ToList())
        {
            start.Environment.Remove(name);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }
}

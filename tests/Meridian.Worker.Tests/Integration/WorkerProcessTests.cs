using Meridian.Contract.Jobs;
using Meridian.Testing.Audits;
using Meridian.Testing.Web;
using Meridian.Testing.Worker;

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
            .ToDictionary(pair => pair.Key, pair => (string?)pair.Value);
        environment.Remove(WorkerEnvironment.TargetUrl);
        environment[WorkerEnvironment.Runs] = "twelve";
        environment[WorkerEnvironment.Deadline] = "tomorrow";
        const string BrokenKey = "c2VjcmV0LWJ1dC10b28tc2hvcnQ";
        environment[WorkerEnvironment.CallbackKey] = BrokenKey;

        var (exitCode, output, _) = await WorkerProcess.RunAsync(environment);

        Assert.Equal(WorkerExitCodes.BadEnvironment, exitCode);
        Assert.Contains("MERIDIAN_TARGET_URL is missing", output, StringComparison.Ordinal);
        Assert.Contains("MERIDIAN_RUNS must be a whole number from 1 to 9, not 'twelve'", output, StringComparison.Ordinal);
        Assert.Contains("MERIDIAN_DEADLINE must be an RFC 3339 time", output, StringComparison.Ordinal);
        Assert.Contains("MERIDIAN_CALLBACK_KEY must be a 32-byte key", output, StringComparison.Ordinal);
        Assert.DoesNotContain(BrokenKey, output, StringComparison.Ordinal);
        Assert.DoesNotContain("sig=", output, StringComparison.Ordinal);
        Assert.Empty(callback.Received);
    }
}

using Meridian.Core.Durable;

namespace Meridian.Local.Tests.Durable;

/// <summary>The host as the HTTP handlers and the CLI see it: starting, querying, finishing and stopping instances.</summary>
public sealed class LocalOrchestrationHostTests : IAsyncDisposable
{
    private readonly LocalHostHarness harness = new();

    public LocalOrchestrationHostTests()
    {
        harness.Host
            .AddActivity<string, string>("Greet", (name, _) => Task.FromResult($"hello {name}"))
            .AddOrchestrator<string, string>("GreetThenWait", async (context, name) =>
            {
                var greeting = await context.CallActivityAsync<string>("Greet", name);
                await context.CreateTimer(context.CurrentUtcDateTime.AddMinutes(5), CancellationToken.None);
                var answer = await context.WaitForExternalEvent<string>("answer");
                return $"{greeting}, {answer}";
            })
            .AddOrchestrator<string?, string>("Echo", async (context, _) =>
            {
                context.SetCustomStatus("waiting");
                return await context.WaitForExternalEvent<string>("ping");
            })
            .AddOrchestrator<string?, string>("FailAfterAnActivity", async (context, _) =>
            {
                await context.CallActivityAsync<string>("Greet", "anyone");
                throw new InvalidOperationException("The audit input names no regions.");
            })
            .AddOrchestrator<string?, string>("ReportProgress", async (context, _) =>
            {
                context.SetCustomStatus(new Progress("waiting", RegionsLeft: 2));
                var answer = await context.WaitForExternalEvent<string>("answer");
                context.SetCustomStatus(new Progress("done", RegionsLeft: 0));
                return answer;
            });
    }

    public ValueTask DisposeAsync() => harness.DisposeAsync();

    [Fact]
    public async Task Orchestration_that_calls_an_activity_waits_on_a_timer_and_an_event_completes_with_its_output()
    {
        var instanceId = await harness.Host.ScheduleNewOrchestrationInstanceAsync("GreetThenWait", "meridian", "greet-1");
        await harness.Clock.AdvanceOnceTimerIsSetAsync(TimeSpan.FromMinutes(5));
        await harness.Host.RaiseEventAsync(instanceId, "answer", "ready");

        var finished = await harness.CompletionOfAsync(instanceId);

        Assert.Equal("greet-1", instanceId);
        Assert.Equal(OrchestrationStatus.Completed, finished.RuntimeStatus);
        Assert.Equal("hello meridian, ready", finished.ReadOutputAs<string>());
        Assert.Equal(TestClock.Origin, finished.CreatedAt);
        Assert.Equal(TestClock.Origin.AddMinutes(5), finished.LastUpdatedAt);
        Assert.Null(finished.FailureMessage);
    }

    [Fact]
    public async Task Starting_an_instance_id_that_is_still_running_is_refused()
    {
        await harness.Host.ScheduleNewOrchestrationInstanceAsync("Echo", null, "audit-1");

        var refused = await Assert.ThrowsAsync<OrchestrationAlreadyExistsException>(
            () => harness.Host.ScheduleNewOrchestrationInstanceAsync("Echo", null, "audit-1"));

        Assert.Equal("audit-1", refused.InstanceId);
    }

    [Fact]
    public async Task A_finished_instance_drops_later_events_and_its_id_can_be_started_again()
    {
        await harness.Host.ScheduleNewOrchestrationInstanceAsync("Echo", null, "echo");
        await harness.Host.RaiseEventAsync("echo", "ping", "first");
        Assert.Equal("first", (await harness.CompletionOfAsync("echo")).ReadOutputAs<string>());

        await harness.Host.RaiseEventAsync("echo", "ping", "too late");
        await harness.Host.ScheduleNewOrchestrationInstanceAsync("Echo", null, "echo");
        await harness.RunningWithStatusAsync("echo", "waiting");
        await harness.Host.RaiseEventAsync("echo", "ping", "second");

        // Had the late event been kept, the new instance would have read it.
        Assert.Equal("second", (await harness.CompletionOfAsync("echo")).ReadOutputAs<string>());
    }

    [Fact]
    public async Task Event_for_an_unknown_instance_is_dropped_silently()
    {
        await harness.Host.RaiseEventAsync("no-such-audit", "region-result-iad", new { score = 1 });

        Assert.Null(await harness.Host.GetInstanceAsync("no-such-audit"));
        Assert.Null(await harness.Host.WaitForCompletionAsync("no-such-audit"));
    }

    [Fact]
    public async Task Starting_an_orchestrator_that_is_not_registered_is_an_argument_error()
    {
        var refused = await Assert.ThrowsAsync<ArgumentException>(
            () => harness.Host.ScheduleNewOrchestrationInstanceAsync("NoSuchOrchestrator", null, "x"));

        Assert.Contains("NoSuchOrchestrator", refused.Message);
        Assert.Null(await harness.Host.GetInstanceAsync("x"));
    }

    [Fact]
    public async Task Custom_status_is_visible_while_the_instance_runs()
    {
        await harness.Host.ScheduleNewOrchestrationInstanceAsync("ReportProgress", null, "progress");

        var running = await harness.RunningUntilAsync("progress", instance => instance.SerializedCustomStatus is not null);
        await harness.Host.RaiseEventAsync("progress", "answer", "ok");
        var finished = await harness.CompletionOfAsync("progress");

        Assert.Equal(OrchestrationStatus.Running, running.RuntimeStatus);
        Assert.Equal("""{"step":"waiting","regionsLeft":2}""", running.SerializedCustomStatus);
        Assert.Equal(new Progress("waiting", 2), running.ReadCustomStatusAs<Progress>());
        Assert.Null(running.SerializedOutput);
        Assert.Equal(new Progress("done", 0), finished.ReadCustomStatusAs<Progress>());
    }

    [Fact]
    public async Task Orchestrator_that_throws_fails_the_instance_with_its_message()
    {
        await harness.Host.ScheduleNewOrchestrationInstanceAsync("FailAfterAnActivity", null, "failing");

        var finished = await harness.CompletionOfAsync("failing");

        Assert.Equal(OrchestrationStatus.Failed, finished.RuntimeStatus);
        Assert.Equal("The audit input names no regions.", finished.FailureMessage);
        Assert.Null(finished.SerializedOutput);
    }

    [Fact]
    public async Task Disposing_the_host_terminates_running_instances_and_refuses_new_ones()
    {
        await harness.Host.ScheduleNewOrchestrationInstanceAsync("Echo", null, "stopped");
        await harness.RunningWithStatusAsync("stopped", "waiting");

        await harness.Host.DisposeAsync();

        var stopped = await harness.Host.GetInstanceAsync("stopped");
        Assert.Equal(OrchestrationStatus.Terminated, stopped!.RuntimeStatus);
        Assert.Contains("local host stopped", stopped.FailureMessage);
        await Assert.ThrowsAsync<ObjectDisposedException>(
            () => harness.Host.ScheduleNewOrchestrationInstanceAsync("Echo", null, "after"));
    }

    private sealed record Progress(string Step, int RegionsLeft);
}

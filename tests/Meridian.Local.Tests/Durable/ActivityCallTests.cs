using System.Collections.Concurrent;
using Meridian.Core.Durable;
using Microsoft.Extensions.DependencyInjection;

namespace Meridian.Local.Tests.Durable;

/// <summary>Activities as the engine runs them: retried by policy on the host's clock, payloads through JSON, resolved per invocation.</summary>
public sealed class ActivityCallTests : IAsyncDisposable
{
    private readonly LocalHostHarness harness = new(services => services.AddScoped<ScopedActivity>().AddSingleton<ScopeLog>());
    private readonly ConcurrentQueue<DateTimeOffset> attempts = new();

    public ValueTask DisposeAsync() => harness.DisposeAsync();

    [Fact]
    public async Task Activity_that_fails_twice_succeeds_on_its_third_attempt_after_the_policy_delays()
    {
        var policy = new ActivityRetryPolicy(MaxNumberOfAttempts: 3, FirstRetryInterval: TimeSpan.FromSeconds(5), BackoffCoefficient: 2.0);
        harness.Host
            .AddActivity<string, string>("StartMachine", (region, _) => FailTimes(2, $"machine-{region}"))
            .AddOrchestrator<string, string>("Start", (context, region) =>
                context.CallActivityAsync<string>("StartMachine", region, policy));
        await harness.Host.ScheduleNewOrchestrationInstanceAsync("Start", "syd", "retried");

        await harness.Clock.AdvanceOnceTimerIsSetAsync(TimeSpan.FromSeconds(5));
        await harness.Clock.AdvanceOnceTimerIsSetAsync(TimeSpan.FromSeconds(10));
        var finished = await harness.CompletionOfAsync("retried");

        Assert.Equal("machine-syd", finished.ReadOutputAs<string>());
        Assert.Equal(
            [TestClock.Origin, TestClock.Origin.AddSeconds(5), TestClock.Origin.AddSeconds(15)],
            attempts);
    }

    [Fact]
    public async Task Activity_that_fails_every_attempt_reaches_the_orchestration_as_ActivityFailedException()
    {
        var policy = new ActivityRetryPolicy(MaxNumberOfAttempts: 2, FirstRetryInterval: TimeSpan.FromSeconds(1));
        harness.Host
            .AddActivity<string, string>("StartMachine", (_, _) => FailTimes(int.MaxValue, "never"))
            .AddOrchestrator<string, string>("Start", async (context, region) =>
            {
                try
                {
                    return await context.CallActivityAsync<string>("StartMachine", region, policy);
                }
                catch (ActivityFailedException failure)
                {
                    return $"{failure.ActivityName}: {failure.ErrorMessage}";
                }
            });
        await harness.Host.ScheduleNewOrchestrationInstanceAsync("Start", "syd", "exhausted");

        await harness.Clock.AdvanceOnceTimerIsSetAsync(TimeSpan.FromSeconds(1));
        var finished = await harness.CompletionOfAsync("exhausted");

        Assert.Equal("StartMachine: Fly said no (attempt 2)", finished.ReadOutputAs<string>());
        Assert.Equal(2, attempts.Count);
    }

    [Fact]
    public async Task Activity_called_without_a_policy_runs_once()
    {
        harness.Host
            .AddActivity<string, string>("StartMachine", (_, _) => FailTimes(1, "second time lucky"))
            .AddOrchestrator<string, string>("Start", (context, region) => context.CallActivityAsync<string>("StartMachine", region));
        await harness.Host.ScheduleNewOrchestrationInstanceAsync("Start", "syd", "once");

        var finished = await harness.CompletionOfAsync("once");

        Assert.Equal(OrchestrationStatus.Failed, finished.RuntimeStatus);
        Assert.Equal("Activity 'StartMachine' failed: Fly said no (attempt 1)", finished.FailureMessage);
        Assert.Single(attempts);
    }

    [Fact]
    public async Task Calling_an_activity_that_is_not_registered_fails_at_once_without_retries()
    {
        harness.Host.AddOrchestrator<string?, string>("CallMissing", (context, _) =>
            context.CallActivityAsync<string>("NoSuchActivity", null, new ActivityRetryPolicy(5, TimeSpan.FromMinutes(1))));
        await harness.Host.ScheduleNewOrchestrationInstanceAsync("CallMissing", null, "missing");

        var finished = await harness.CompletionOfAsync("missing");

        Assert.Equal(OrchestrationStatus.Failed, finished.RuntimeStatus);
        Assert.Contains("No activity named 'NoSuchActivity'", finished.FailureMessage);
    }

    [Fact]
    public async Task Activity_input_that_cannot_be_serialized_fails_the_orchestration_and_the_activity_never_runs()
    {
        harness.Host
            .AddActivity<Unserializable, string>("Inspect", (_, _) => FailTimes(0, "ran"))
            .AddOrchestrator<string?, string>("PassAType", (context, _) =>
                context.CallActivityAsync<string>("Inspect", new Unserializable(typeof(string))));
        await harness.Host.ScheduleNewOrchestrationInstanceAsync("PassAType", null, "unserializable");

        var finished = await harness.CompletionOfAsync("unserializable");

        Assert.Equal(OrchestrationStatus.Failed, finished.RuntimeStatus);
        Assert.Contains("System.Type", finished.FailureMessage);
        Assert.Empty(attempts);
    }

    [Fact]
    public async Task Activity_input_that_does_not_read_back_as_the_activity_input_fails_the_activity_before_it_runs()
    {
        harness.Host
            .AddActivity<RegionInput, string>("Inspect", (_, _) => FailTimes(0, "ran"))
            .AddOrchestrator<string?, string>("PassANumber", async (context, _) =>
            {
                try
                {
                    return await context.CallActivityAsync<string>("Inspect", new { Region = 42 });
                }
                catch (ActivityFailedException failure)
                {
                    return failure.ErrorMessage;
                }
            });
        await harness.Host.ScheduleNewOrchestrationInstanceAsync("PassANumber", null, "unreadable");

        var finished = await harness.CompletionOfAsync("unreadable");

        Assert.Contains("could not be converted", finished.ReadOutputAs<string>());
        Assert.Empty(attempts);
    }

    [Fact]
    public async Task Activity_is_resolved_from_a_new_service_scope_for_every_invocation()
    {
        harness.Host
            .AddActivity<string, Guid>("WhoAmI", services => services.GetRequiredService<ScopedActivity>().RunAsync)
            .AddOrchestrator<string?, Guid[]>("AskTwice", async (context, _) =>
                [await context.CallActivityAsync<Guid>("WhoAmI", "a"), await context.CallActivityAsync<Guid>("WhoAmI", "b")]);
        await harness.Host.ScheduleNewOrchestrationInstanceAsync("AskTwice", null, "scoped");

        var finished = await harness.CompletionOfAsync("scoped");
        var log = harness.Services.GetRequiredService<ScopeLog>();

        var ids = finished.ReadOutputAs<Guid[]>()!;
        Assert.Equal(2, ids.Distinct().Count());
        Assert.Equal(ids, log.Disposed);
    }

    private Task<string> FailTimes(int failures, string result)
    {
        attempts.Enqueue(harness.Clock.GetUtcNow());
        return attempts.Count <= failures
            ? Task.FromException<string>(new InvalidOperationException($"Fly said no (attempt {attempts.Count})"))
            : Task.FromResult(result);
    }

    private sealed record Unserializable(Type Kind);

    private sealed record RegionInput(string Region);

    private sealed class ScopeLog
    {
        public ConcurrentQueue<Guid> Disposed { get; } = new();
    }

    private sealed class ScopedActivity(ScopeLog log) : IDisposable
    {
        private readonly Guid id = Guid.NewGuid();

        public Task<Guid> RunAsync(string input, CancellationToken cancellationToken) => Task.FromResult(id);

        public void Dispose() => log.Disposed.Enqueue(id);
    }
}

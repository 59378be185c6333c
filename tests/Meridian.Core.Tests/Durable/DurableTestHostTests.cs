using Meridian.Core.Durable;
using Meridian.Testing.Durable;

namespace Meridian.Core.Tests.Durable;

/// <summary>The replay checker itself: it must catch what Azure would reject, and accept what is deterministic.</summary>
public class DurableTestHostTests
{
    private static readonly DateTime Start = new(2026, 11, 23, 8, 0, 0, DateTimeKind.Utc);

    private static DurableTestHost HostWithEcho() =>
        new DurableTestHost(Start).OnActivity<string, string>("Echo", input => input, TimeSpan.FromSeconds(1));

    [Fact]
    public void Orchestration_reading_DateTime_UtcNow_is_caught()
    {
        static async Task<string> ReadsTheWallClock(IOrchestrationContext context, string input)
        {
            await context.CreateTimer(DateTime.UtcNow.AddMinutes(1), CancellationToken.None);
            return await context.CallActivityAsync<string>("Echo", input);
        }

        var failure = Assert.Throws<NonDeterministicOrchestrationException>(() => HostWithEcho().Run<string, string>(ReadsTheWallClock, "x"));
        Assert.Contains("a timer for", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Orchestration_using_Guid_NewGuid_is_caught()
    {
        static Task<string> MakesAFreshGuid(IOrchestrationContext context, string input) =>
            context.CallActivityAsync<string>("Echo", $"{input}-{Guid.NewGuid()}");

        var failure = Assert.Throws<NonDeterministicOrchestrationException>(() => HostWithEcho().Run<string, string>(MakesAFreshGuid, "x"));
        Assert.Contains("activity 'Echo'", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Orchestration_that_branches_on_state_outside_the_context_is_caught()
    {
        var executions = 0;
        async Task<string> BranchesOnACounter(IOrchestrationContext context, string input)
        {
            var first = await context.CallActivityAsync<string>(executions++ == 0 ? "Echo" : "Other", input);
            return await context.CallActivityAsync<string>("Echo", first);
        }

        var host = HostWithEcho().OnActivity<string, string>("Other", input => input);

        var failure = Assert.Throws<NonDeterministicOrchestrationException>(() => host.Run<string, string>(BranchesOnACounter, "x"));
        Assert.Contains("activity 'Other'", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Orchestration_awaiting_Task_Delay_is_caught()
    {
        static async Task<string> SleepsForReal(IOrchestrationContext context, string input)
        {
            await Task.Delay(10);
            return await context.CallActivityAsync<string>("Echo", input);
        }

        var failure = Assert.Throws<NonDeterministicOrchestrationException>(() => HostWithEcho().Run<string, string>(SleepsForReal, "x"));
        Assert.Contains("not durable", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deterministic_orchestration_replays_cleanly_once_per_history_event()
    {
        static async Task<string> Deterministic(IOrchestrationContext context, string input)
        {
            var id = context.NewGuid();
            await context.CreateTimer(context.CurrentUtcDateTime.AddMinutes(5), CancellationToken.None);
            return await context.CallActivityAsync<string>("Echo", $"{input}-{id}");
        }

        var run = HostWithEcho().Run<string, string>(Deterministic, "x");

        Assert.StartsWith("x-", run.Output, StringComparison.Ordinal);
        Assert.Equal(Start.AddMinutes(5).AddSeconds(1), run.CompletedAt);
        Assert.Equal(3, run.Episodes); // start, timer fired, activity completed
    }

    [Fact]
    public void Replays_are_flagged_as_replaying_and_the_newest_episode_is_not()
    {
        var seen = new List<(string Step, bool Replaying)>();
        async Task<string> Records(IOrchestrationContext context, string input)
        {
            seen.Add(("before", context.IsReplaying));
            var result = await context.CallActivityAsync<string>("Echo", input);
            seen.Add(("after", context.IsReplaying));
            return result;
        }

        HostWithEcho().Run<string, string>(Records, "x");

        Assert.Equal([("before", false), ("before", true), ("after", false)], seen);
    }

    [Fact]
    public void Event_raised_before_the_orchestration_waits_is_buffered_and_delivered()
    {
        static async Task<string> WaitsLate(IOrchestrationContext context, string input)
        {
            await context.CreateTimer(context.CurrentUtcDateTime.AddMinutes(1), CancellationToken.None);
            return await context.WaitForExternalEvent<string>("Approval");
        }

        var host = new DurableTestHost(Start);
        host.RaiseEvent(Start.AddSeconds(5), "approval", "yes");

        var run = host.Run<string, string>(WaitsLate, "x");

        Assert.Equal("yes", run.Output);
        Assert.Equal(Start.AddMinutes(1), run.CompletedAt);
    }

    [Fact]
    public void Timer_left_running_keeps_the_instance_running_until_it_fires()
    {
        static async Task<string> ForgetsItsTimer(IOrchestrationContext context, string input)
        {
            _ = context.CreateTimer(context.CurrentUtcDateTime.AddMinutes(10), CancellationToken.None);
            return await context.CallActivityAsync<string>("Echo", input);
        }

        var run = HostWithEcho().Run<string, string>(ForgetsItsTimer, "x");

        Assert.Equal(Start.AddSeconds(1), run.ReturnedAt);
        Assert.Equal(Start.AddMinutes(10), run.CompletedAt);
    }

    [Fact]
    public void Failed_activity_is_retried_on_durable_timers_by_its_policy()
    {
        var attempts = 0;
        var host = new DurableTestHost(Start).OnActivity<string, string>("Flaky", input => ++attempts < 3 ? throw new TimeoutException("slow") : input);
        static Task<string> CallsFlaky(IOrchestrationContext context, string input) =>
            context.CallActivityAsync<string>("Flaky", input, new ActivityRetryPolicy(3, TimeSpan.FromSeconds(10), 2.0));

        var run = host.Run<string, string>(CallsFlaky, "x");

        Assert.Equal("x", run.Output);
        Assert.Equal([Start, Start.AddSeconds(10), Start.AddSeconds(30)], run.CallsTo("Flaky").Select(c => c.ScheduledAt));
    }

    [Fact]
    public void Activity_failing_past_its_retries_surfaces_as_ActivityFailedException()
    {
        var host = new DurableTestHost(Start).OnActivity<string, string>("Broken", _ => throw new InvalidOperationException("boom"));
        static async Task<string> CallsBroken(IOrchestrationContext context, string input)
        {
            try
            {
                return await context.CallActivityAsync<string>("Broken", input, new ActivityRetryPolicy(2, TimeSpan.FromSeconds(1)));
            }
            catch (ActivityFailedException failure)
            {
                return failure.ErrorMessage;
            }
        }

        var run = host.Run<string, string>(CallsBroken, "x");

        Assert.Equal("boom", run.Output);
        Assert.Equal(2, run.CallsTo("Broken").Count);
    }

    [Fact]
    public void Orchestration_waiting_for_an_event_nobody_raises_is_reported_stuck()
    {
        static Task<string> WaitsForever(IOrchestrationContext context, string input) => context.WaitForExternalEvent<string>("never");

        var failure = Assert.Throws<InvalidOperationException>(() => new DurableTestHost(Start).Run<string, string>(WaitsForever, "x"));
        Assert.Contains("stuck", failure.Message, StringComparison.Ordinal);
    }
}

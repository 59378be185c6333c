using Meridian.Core.Durable;

namespace Meridian.Local.Tests.Durable;

/// <summary>Durable timers on the host's clock: when they fire, how they are cancelled, and how they keep an instance running.</summary>
public sealed class DurableTimerTests : IAsyncDisposable
{
    private readonly LocalHostHarness harness = new();

    public ValueTask DisposeAsync() => harness.DisposeAsync();

    [Fact]
    public async Task Timer_fires_at_its_fire_time_on_the_host_clock_and_not_before()
    {
        harness.Host.AddOrchestrator<string?, DateTime>("Sleep", async (context, _) =>
        {
            await context.CreateTimer(context.CurrentUtcDateTime.AddMinutes(10), CancellationToken.None);
            return context.CurrentUtcDateTime;
        });
        await harness.Host.ScheduleNewOrchestrationInstanceAsync("Sleep", null, "sleep");

        await harness.Clock.TimerSetAsync(TimeSpan.FromMinutes(10));
        harness.Clock.Advance(TimeSpan.FromMinutes(9));
        var early = await harness.Host.GetInstanceAsync("sleep");
        harness.Clock.Advance(TimeSpan.FromMinutes(1));
        var finished = await harness.CompletionOfAsync("sleep");

        Assert.Equal(OrchestrationStatus.Running, early!.RuntimeStatus);
        Assert.Equal(TestClock.Origin.AddMinutes(10).UtcDateTime, finished.ReadOutputAs<DateTime>());
    }

    [Fact]
    public async Task Timer_whose_fire_time_has_passed_completes_at_once()
    {
        harness.Host.AddOrchestrator<string?, string>("Late", async (context, _) =>
        {
            await context.CreateTimer(context.CurrentUtcDateTime.AddMinutes(-1), CancellationToken.None);
            return "on time";
        });
        await harness.Host.ScheduleNewOrchestrationInstanceAsync("Late", null, "late");

        Assert.Equal("on time", (await harness.CompletionOfAsync("late")).ReadOutputAs<string>());
    }

    [Fact]
    public async Task Cancelled_timer_ends_cancelled_never_fires_and_the_instance_completes_without_waiting_for_it()
    {
        harness.Host.AddOrchestrator<string?, string>("DeadlineOrAnswer", async (context, _) =>
        {
            using var deadline = new CancellationTokenSource();
            var timer = context.CreateTimer(context.CurrentUtcDateTime.AddHours(1), deadline.Token);
            var answer = context.WaitForExternalEvent<string>("answer");
            await Task.WhenAny(timer, answer);
            await deadline.CancelAsync();
            return $"{await answer}, timer {timer.Status}";
        });
        await harness.Host.ScheduleNewOrchestrationInstanceAsync("DeadlineOrAnswer", null, "answered");

        await harness.Host.RaiseEventAsync("answered", "answer", "answered");
        var finished = await harness.CompletionOfAsync("answered");

        Assert.Equal(OrchestrationStatus.Completed, finished.RuntimeStatus);
        Assert.Equal("answered, timer Canceled", finished.ReadOutputAs<string>());
        Assert.Equal(TestClock.Origin, finished.LastUpdatedAt);
    }

    [Fact]
    public async Task Timer_left_running_keeps_the_instance_running_until_it_fires_as_in_Durable()
    {
        harness.Host.AddOrchestrator<string?, string>("ForgetTheDeadline", (context, input) =>
        {
            _ = context.CreateTimer(context.CurrentUtcDateTime.AddHours(1), CancellationToken.None);
            context.SetCustomStatus("returning");
            return Task.FromResult("done");
        });
        await harness.Host.ScheduleNewOrchestrationInstanceAsync("ForgetTheDeadline", null, "forgetful");

        await harness.Clock.TimerSetAsync(TimeSpan.FromHours(1));
        var returned = await harness.RunningWithStatusAsync("forgetful", "returning");
        harness.Clock.Advance(TimeSpan.FromHours(1));
        var finished = await harness.CompletionOfAsync("forgetful");

        Assert.Null(returned.SerializedOutput);
        Assert.Equal("done", finished.ReadOutputAs<string>());
        Assert.Equal(TestClock.Origin.AddHours(1), finished.LastUpdatedAt);
    }
}

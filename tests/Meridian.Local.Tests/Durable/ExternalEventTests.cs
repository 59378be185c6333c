using Meridian.Core.Durable;

namespace Meridian.Local.Tests.Durable;

/// <summary>External events as Durable delivers them: buffered, by case-insensitive name, JSON payloads, from any thread.</summary>
public sealed class ExternalEventTests : IAsyncDisposable
{
    private readonly LocalHostHarness harness = new();

    public ValueTask DisposeAsync() => harness.DisposeAsync();

    [Fact]
    public async Task Event_raised_before_the_orchestration_waits_is_buffered_and_delivered_when_it_does()
    {
        harness.Host.AddOrchestrator<string?, string>("WaitAfterAMinute", async (context, _) =>
        {
            await context.CreateTimer(context.CurrentUtcDateTime.AddMinutes(1), CancellationToken.None);
            return await context.WaitForExternalEvent<string>("answer");
        });
        await harness.Host.ScheduleNewOrchestrationInstanceAsync("WaitAfterAMinute", null, "later");

        // The orchestration sits on its timer, so it cannot be waiting for the event yet.
        await harness.Clock.TimerSetAsync(TimeSpan.FromMinutes(1));
        await harness.Host.RaiseEventAsync("later", "answer", "early");
        harness.Clock.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal("early", (await harness.CompletionOfAsync("later")).ReadOutputAs<string>());
    }

    [Fact]
    public async Task Buffered_events_of_one_name_are_delivered_in_the_order_they_were_raised()
    {
        harness.Host.AddOrchestrator<string?, string>("ReadThree", async (context, _) =>
        {
            await context.CreateTimer(context.CurrentUtcDateTime.AddMinutes(1), CancellationToken.None);
            var first = await context.WaitForExternalEvent<int>("step");
            var second = await context.WaitForExternalEvent<int>("step");
            var third = await context.WaitForExternalEvent<int>("step");
            return $"{first},{second},{third}";
        });
        await harness.Host.ScheduleNewOrchestrationInstanceAsync("ReadThree", null, "steps");

        await harness.Clock.TimerSetAsync(TimeSpan.FromMinutes(1));
        foreach (var step in new[] { 1, 2, 3 })
        {
            await harness.Host.RaiseEventAsync("steps", "step", step);
        }

        harness.Clock.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal("1,2,3", (await harness.CompletionOfAsync("steps")).ReadOutputAs<string>());
    }

    [Fact]
    public async Task Event_names_are_case_insensitive_whether_the_event_waits_in_the_buffer_or_finds_a_waiter()
    {
        harness.Host.AddOrchestrator<string?, string>("WaitTwice", async (context, _) =>
        {
            await context.CreateTimer(context.CurrentUtcDateTime.AddMinutes(1), CancellationToken.None);
            var buffered = await context.WaitForExternalEvent<string>("region-result-iad");
            context.SetCustomStatus("waiting");
            var waitedFor = await context.WaitForExternalEvent<string>("Approval");
            return $"{buffered} {waitedFor}";
        });
        await harness.Host.ScheduleNewOrchestrationInstanceAsync("WaitTwice", null, "names");

        await harness.Clock.TimerSetAsync(TimeSpan.FromMinutes(1));
        await harness.Host.RaiseEventAsync("names", "REGION-RESULT-IAD", "buffered");
        harness.Clock.Advance(TimeSpan.FromMinutes(1));
        await harness.RunningWithStatusAsync("names", "waiting");
        await harness.Host.RaiseEventAsync("names", "aPPROVAL", "delivered");

        Assert.Equal("buffered delivered", (await harness.CompletionOfAsync("names")).ReadOutputAs<string>());
    }

    [Fact]
    public async Task Event_payload_crosses_as_JSON_and_is_read_as_the_type_the_orchestration_waits_for()
    {
        harness.Host.AddOrchestrator<string?, RegionAnswer>("ReadAnswer", (context, _) =>
            context.WaitForExternalEvent<RegionAnswer>("answer"));
        await harness.Host.ScheduleNewOrchestrationInstanceAsync("ReadAnswer", null, "typed");

        // What an HTTP handler might raise: another type with the same JSON shape.
        await harness.Host.RaiseEventAsync("typed", "answer", new { Region = "syd", Score = 0.71 });

        Assert.Equal(new RegionAnswer("syd", 0.71), (await harness.CompletionOfAsync("typed")).ReadOutputAs<RegionAnswer>());
    }

    [Fact]
    public async Task Cancelled_wait_ends_cancelled_and_leaves_the_next_event_to_the_next_wait()
    {
        harness.Host.AddOrchestrator<string?, string>("GiveUpThenWait", async (context, _) =>
        {
            using var giveUp = new CancellationTokenSource();
            var abandoned = context.WaitForExternalEvent<string>("answer", giveUp.Token);
            await giveUp.CancelAsync();
            var outcome = await Task.WhenAny(abandoned);
            context.SetCustomStatus("waiting again");
            var answer = await context.WaitForExternalEvent<string>("answer");
            return $"{outcome.Status} then {answer}";
        });
        await harness.Host.ScheduleNewOrchestrationInstanceAsync("GiveUpThenWait", null, "abandon");

        await harness.RunningWithStatusAsync("abandon", "waiting again");
        await harness.Host.RaiseEventAsync("abandon", "answer", "kept");

        Assert.Equal("Canceled then kept", (await harness.CompletionOfAsync("abandon")).ReadOutputAs<string>());
    }

    [Fact]
    public async Task Events_raised_from_many_threads_at_once_all_reach_their_waits()
    {
        const int Regions = 40;
        harness.Host.AddOrchestrator<string?, int>("SumAnswers", async (context, _) =>
        {
            var answers = await Task.WhenAll(Enumerable.Range(0, Regions).Select(region => context.WaitForExternalEvent<int>($"region-{region}")));
            return answers.Sum();
        });
        await harness.Host.ScheduleNewOrchestrationInstanceAsync("SumAnswers", null, "many");

        await Parallel.ForEachAsync(
            Enumerable.Range(0, Regions),
            (region, cancellationToken) => new ValueTask(harness.Host.RaiseEventAsync("many", $"region-{region}", region, cancellationToken)));

        Assert.Equal(Enumerable.Range(0, Regions).Sum(), (await harness.CompletionOfAsync("many")).ReadOutputAs<int>());
    }

    [Fact]
    public async Task Orchestration_code_never_runs_two_steps_at_once_even_when_their_events_arrive_together()
    {
        // Threads to spare, so a step that is allowed to run in parallel does so at once rather than after the pool grows.
        ThreadPool.GetMinThreads(out var workers, out var completionPorts);
        ThreadPool.SetMinThreads(Math.Max(workers, 8), completionPorts);
        using var firstStepRunning = new ManualResetEventSlim();
        harness.Host.AddOrchestrator<string?, bool>("TwoBranches", async (context, _) =>
        {
            // Orchestration code shares plain state between its branches, as the audit does with its region trackers.
            var secondStepRan = false;

            async Task<bool> FirstBranchAsync()
            {
                await context.WaitForExternalEvent<string>("first");
                firstStepRunning.Set();

                // Had the second branch's step been allowed to run meanwhile, on another thread, it would show here.
                return SpinWait.SpinUntil(() => Volatile.Read(ref secondStepRan), TimeSpan.FromMilliseconds(300));
            }

            async Task<bool> SecondBranchAsync()
            {
                await context.WaitForExternalEvent<string>("second");
                Volatile.Write(ref secondStepRan, true);
                return true;
            }

            var first = FirstBranchAsync();
            var second = SecondBranchAsync();
            context.SetCustomStatus("both waiting");
            var branches = await Task.WhenAll(first, second);
            return branches[0];
        });
        await harness.Host.ScheduleNewOrchestrationInstanceAsync("TwoBranches", null, "exclusive");
        await harness.RunningWithStatusAsync("exclusive", "both waiting");

        await harness.Host.RaiseEventAsync("exclusive", "first", "go");
        Assert.True(firstStepRunning.Wait(Within.Timeout));

        // Raised from a thread of its own, as an HTTP callback would, while the first step is still running.
        var callback = new Thread(() => harness.Host.RaiseEventAsync("exclusive", "second", "go").GetAwaiter().GetResult());
        callback.Start();
        callback.Join();

        var sawTheOtherStepMeanwhile = (await harness.CompletionOfAsync("exclusive")).ReadOutputAs<bool>();
        Assert.False(sawTheOtherStepMeanwhile);
    }

    private sealed record RegionAnswer(string Region, double Score);
}

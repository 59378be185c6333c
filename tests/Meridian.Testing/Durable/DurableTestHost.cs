using Meridian.Core.Durable;

namespace Meridian.Testing.Durable;

/// <summary>
/// A test engine for orchestrations written against <see cref="IOrchestrationContext"/> that behaves
/// like Durable Task: it keeps a history, re-runs the orchestration from the start after every new
/// history event and fails on any divergence from that history, delivers events raised before the
/// orchestration waits for them, runs timers on a virtual clock, keeps an instance running until its
/// uncancelled timers have fired, and passes every payload through JSON.
/// </summary>
public sealed class DurableTestHost(DateTime startTime, string instanceId = "test-instance")
{
    private const int MaxEpisodes = 100_000;

    private readonly Dictionary<string, Func<string, Task<string>>> activities = [];
    private readonly Dictionary<string, TimeSpan> activityDurations = [];
    private readonly PriorityQueue<PendingWork, (DateTime At, long Order)> work = new();
    private long workOrder;

    public string InstanceId { get; } = instanceId;

    /// <summary>The virtual clock: the time of the history event being processed.</summary>
    public DateTime Now { get; private set; } = DateTime.SpecifyKind(startTime, DateTimeKind.Utc);

    /// <summary>
    /// Registers an activity. The handler runs when the orchestration schedules the activity (at
    /// <see cref="Now"/>); its result, or its exception's message as a failure, reaches the
    /// orchestration <paramref name="duration"/> later.
    /// </summary>
    public DurableTestHost OnActivity<TInput, TOutput>(string name, Func<TInput, TOutput> handler, TimeSpan duration = default)
    {
        activities[name] = inputJson =>
            Task.FromResult(DurableJsonRoundTrip.Serialize(handler(DurableJsonRoundTrip.Deserialize<TInput>(inputJson)!)));
        activityDurations[name] = duration;
        return this;
    }

    /// <summary>Raises an external event at a virtual time, as a client would.</summary>
    public void RaiseEvent(DateTime at, string eventName, object? payload) =>
        Enqueue(at, new EventRaised(eventName, DurableJsonRoundTrip.Serialize(payload)));

    public void RaiseEventAfter(TimeSpan delay, string eventName, object? payload) => RaiseEvent(Now + delay, eventName, payload);

    /// <summary>Runs the orchestration to completion; throws <see cref="NonDeterministicOrchestrationException"/> on any divergence.</summary>
    public OrchestrationRun<TOutput> Run<TInput, TOutput>(Func<IOrchestrationContext, TInput, Task<TOutput>> orchestrator, TInput input)
    {
        var startedAt = Now;
        var history = new List<HistoryEvent> { new OrchestratorStarted(Now), new ExecutionStarted(DurableJsonRoundTrip.Serialize(input)) };
        var calls = new List<ActivityCall>();
        var statuses = new List<CustomStatusUpdate>();
        var divergences = new List<string>();
        var episodes = 0;
        DateTime? returnedAt = null;

        while (true)
        {
            if (++episodes > MaxEpisodes)
            {
                throw new InvalidOperationException($"The orchestration did not finish within {MaxEpisodes} episodes.");
            }

            var episode = new ReplayEpisode(InstanceId, history, divergences);
            var run = episode.Replay(orchestrator);
            ThrowOnDivergence(divergences);
            RecordStatus(statuses, episode);

            foreach (var action in episode.NewActions.ToList())
            {
                history.Add(action.ToScheduledEvent());
                Dispatch(action, calls);
            }

            if (run is { IsCompleted: true })
            {
                returnedAt ??= Now;
            }
            else if (!episode.HasOpenDurableWork)
            {
                throw new NonDeterministicOrchestrationException(
                    "The orchestration awaits something that is not durable work (no activity, timer or event wait is open).");
            }

            if (!TryTakeNextWork(episode, run is { IsCompleted: true }, out var next))
            {
                if (run is not { IsCompleted: true })
                {
                    throw new InvalidOperationException(
                        $"The orchestration is stuck at {Now:O}: it waits for work that will never come (an event nobody raises?).");
                }

                return Finish(run, startedAt, returnedAt!.Value, episodes, history, calls, statuses);
            }

            history.Add(new OrchestratorStarted(Now));
            history.Add(next);
        }
    }

    /// <summary>
    /// The next history event to process. Fire times of cancelled timers are skipped; once the
    /// orchestration has returned only its uncancelled timers are still waited for (they keep the
    /// instance running) and nothing reaches it any more.
    /// </summary>
    private bool TryTakeNextWork(ReplayEpisode episode, bool returned, out HistoryEvent next)
    {
        while (work.TryDequeue(out var item, out var when))
        {
            if (item.Event is TimerFired fired && episode.IsTimerCancelled(fired.TaskId))
            {
                continue;
            }

            if (returned)
            {
                if (item.Event is TimerFired)
                {
                    Now = Max(Now, when.At);
                }

                continue;
            }

            Now = Max(Now, when.At);
            next = item.Event;
            return true;
        }

        next = null!;
        return false;
    }

    private void Dispatch(DurableAction action, List<ActivityCall> calls)
    {
        switch (action)
        {
            case TimerAction timer:
                Enqueue(timer.FireAt, new TimerFired(timer.Id));
                break;
            case ActivityAction activity:
                calls.Add(new ActivityCall(activity.Id, activity.Name, activity.InputJson, Now));
                if (!activities.TryGetValue(activity.Name, out var handler))
                {
                    throw new InvalidOperationException($"The orchestration called activity '{activity.Name}', which the test did not register.");
                }

                HistoryEvent outcome;
                try
                {
                    outcome = new TaskCompleted(activity.Id, handler(activity.InputJson).GetAwaiter().GetResult());
                }
                catch (Exception failure)
                {
                    outcome = new TaskFailed(activity.Id, failure.Message);
                }

                Enqueue(Now + activityDurations[activity.Name], outcome);
                break;
        }
    }

    private void Enqueue(DateTime at, HistoryEvent historyEvent) =>
        work.Enqueue(new PendingWork(historyEvent), (DateTime.SpecifyKind(at, DateTimeKind.Utc), workOrder++));

    private void RecordStatus(List<CustomStatusUpdate> statuses, ReplayEpisode episode)
    {
        if (episode.CustomStatusJson is { } json && (statuses.Count == 0 || statuses[^1].Json != json))
        {
            statuses.Add(new CustomStatusUpdate(Now, json));
        }
    }

    private OrchestrationRun<TOutput> Finish<TOutput>(
        Task<TOutput> run,
        DateTime startedAt,
        DateTime returnedAt,
        int episodes,
        List<HistoryEvent> history,
        List<ActivityCall> calls,
        List<CustomStatusUpdate> statuses)
    {
        var output = run.IsCompletedSuccessfully
            ? DurableJsonRoundTrip.Deserialize<TOutput>(DurableJsonRoundTrip.Serialize(run.Result))
            : default;
        var failure = run.Exception?.GetBaseException()
                      ?? (run.IsCanceled ? new TaskCanceledException("The orchestration was cancelled.") : null);
        return new OrchestrationRun<TOutput>(output, failure, startedAt, returnedAt, Now, episodes, history, calls, statuses);
    }

    private static void ThrowOnDivergence(List<string> divergences)
    {
        lock (divergences)
        {
            if (divergences.Count > 0)
            {
                throw new NonDeterministicOrchestrationException(string.Join(Environment.NewLine, divergences.Distinct()));
            }
        }
    }

    private static DateTime Max(DateTime a, DateTime b) => a > b ? a : b;

    private sealed record PendingWork(HistoryEvent Event);
}

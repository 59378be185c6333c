using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Meridian.Core.Durable;

namespace Meridian.Testing.Durable;

/// <summary>
/// One execution of the orchestration from the start against the history so far, as the Durable
/// engine replays it: completions, timer firings and events are fed back in history order, and
/// everything the orchestration schedules is checked against what the history says it scheduled.
/// </summary>
internal sealed class ReplayEpisode : IOrchestrationContext
{
    private readonly IReadOnlyList<HistoryEvent> history;
    private readonly Dictionary<int, HistoryEvent> scheduledInHistory;
    private readonly int lastEpisodeStart;
    private readonly List<DurableAction> actions = [];
    private readonly Dictionary<string, LinkedList<TaskCompletionSource<string>>> waiters = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, Queue<string>> bufferedEvents = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<string> divergences;
    private int guidCount;

    public ReplayEpisode(string instanceId, IReadOnlyList<HistoryEvent> history, List<string> divergences)
    {
        InstanceId = instanceId;
        this.history = history;
        this.divergences = divergences;
        scheduledInHistory = history
            .Select(e => e switch
            {
                TaskScheduled s => (s.TaskId, Event: e),
                TimerCreated t => (t.TaskId, Event: e),
                _ => (TaskId: -1, Event: e),
            })
            .Where(x => x.TaskId >= 0)
            .ToDictionary(x => x.TaskId, x => x.Event);
        lastEpisodeStart = history.Select((e, i) => (e, i)).Last(x => x.e is OrchestratorStarted).i;
    }

    public string InstanceId { get; }

    public DateTime CurrentUtcDateTime { get; private set; }

    public bool IsReplaying { get; private set; }

    public string? CustomStatusJson { get; private set; }

    /// <summary>What the orchestration asked for that the history does not hold yet.</summary>
    public IEnumerable<DurableAction> NewActions => actions.Where(a => !scheduledInHistory.ContainsKey(a.Id));

    public bool HasOpenDurableWork =>
        actions.Any(a => a.IsOpen) || waiters.Values.Any(list => list.Count > 0);

    public bool IsTimerCancelled(int taskId) =>
        taskId < actions.Count && actions[taskId] is TimerAction { IsCancelled: true };

    public Task<TOut>? Replay<TIn, TOut>(Func<IOrchestrationContext, TIn, Task<TOut>> orchestrator)
    {
        var scheduler = new OrchestrationSynchronizationContext(Diverge);
        Task<TOut>? run = null;
        for (var index = 0; index < history.Count; index++)
        {
            IsReplaying = index < lastEpisodeStart;
            switch (history[index])
            {
                case OrchestratorStarted started:
                    CurrentUtcDateTime = started.Timestamp;
                    break;
                case ExecutionStarted execution:
                    var input = DurableJsonRoundTrip.Deserialize<TIn>(execution.InputJson);
                    scheduler.Start(() => run = orchestrator(this, input!));
                    break;
                case TaskCompleted completed:
                    ActionFor<ActivityAction>(completed.TaskId, completed)?.Completion.TrySetResult(completed.ResultJson);
                    break;
                case TaskFailed failed when ActionFor<ActivityAction>(failed.TaskId, failed) is { } activity:
                    activity.Completion.TrySetException(new ActivityFailedException(activity.Name, failed.ErrorMessage));
                    break;
                case TimerFired fired:
                    ActionFor<TimerAction>(fired.TaskId, fired)?.Completion.TrySetResult();
                    break;
                case EventRaised raised:
                    Deliver(raised);
                    break;
            }

            scheduler.RunUntilIdle();
        }

        foreach (var (taskId, scheduled) in scheduledInHistory.Where(x => x.Key >= actions.Count))
        {
            Diverge($"History holds {Describe(scheduled)} as task #{taskId}, but on replay the orchestration no longer schedules it.");
        }

        return run;
    }

    public Task<TResult> CallActivityAsync<TResult>(string name, object? input = null, ActivityRetryPolicy? retry = null) =>
        retry is null ? ScheduleActivityAsync<TResult>(name, input) : CallWithRetriesAsync<TResult>(name, input, retry);

    public Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken)
    {
        var timer = Schedule(new TimerAction(actions.Count, fireAt));
        if (cancellationToken.CanBeCanceled)
        {
            cancellationToken.Register(() => timer.Completion.TrySetCanceled(cancellationToken));
        }

        return timer.Completion.Task;
    }

    public Task<T> WaitForExternalEvent<T>(string eventName, CancellationToken cancellationToken = default)
    {
        if (bufferedEvents.TryGetValue(eventName, out var buffered) && buffered.TryDequeue(out var payload))
        {
            return Task.FromResult(DurableJsonRoundTrip.Deserialize<T>(payload)!);
        }

        var waiter = new TaskCompletionSource<string>();
        if (!waiters.TryGetValue(eventName, out var queue))
        {
            waiters[eventName] = queue = new LinkedList<TaskCompletionSource<string>>();
        }

        var node = queue.AddLast(waiter);
        if (cancellationToken.CanBeCanceled)
        {
            cancellationToken.Register(() =>
            {
                if (node.List is not null)
                {
                    queue.Remove(node);
                }

                waiter.TrySetCanceled(cancellationToken);
            });
        }

        return ReadAsync(waiter.Task);

        static async Task<T> ReadAsync(Task<string> json) => DurableJsonRoundTrip.Deserialize<T>(await json)!;
    }

    public void SetCustomStatus(object? customStatus) => CustomStatusJson = DurableJsonRoundTrip.Serialize(customStatus);

    public Guid NewGuid()
    {
        // Like Durable's name-based GUIDs: the same on every replay, different for every call.
        var seed = $"{InstanceId}|{CurrentUtcDateTime:O}|{guidCount++}";
        return new Guid(SHA256.HashData(Encoding.UTF8.GetBytes(seed)).AsSpan(0, 16));
    }

    private async Task<T> CallWithRetriesAsync<T>(string name, object? input, ActivityRetryPolicy retry)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await ScheduleActivityAsync<T>(name, input);
            }
            catch (ActivityFailedException) when (attempt < retry.MaxNumberOfAttempts)
            {
                // As Durable Task does: the pause between attempts is a durable timer in the history.
                await CreateTimer(CurrentUtcDateTime + retry.DelayBeforeAttempt(attempt + 1), CancellationToken.None);
            }
        }
    }

    private async Task<T> ScheduleActivityAsync<T>(string name, object? input)
    {
        var activity = Schedule(new ActivityAction(actions.Count, name, DurableJsonRoundTrip.Serialize(input)));
        return DurableJsonRoundTrip.Deserialize<T>(await activity.Completion.Task)!;
    }

    private TAction Schedule<TAction>(TAction action)
        where TAction : DurableAction
    {
        actions.Add(action);
        var now = action.ToScheduledEvent();
        if (scheduledInHistory.TryGetValue(action.Id, out var before) && before != now)
        {
            Diverge($"Task #{action.Id}: the history holds {Describe(before)}, but on replay the orchestration scheduled {Describe(now)}.");
        }

        return action;
    }

    private TAction? ActionFor<TAction>(int taskId, HistoryEvent historyEvent)
        where TAction : DurableAction
    {
        if (taskId < actions.Count && actions[taskId] is TAction action)
        {
            return action;
        }

        Diverge($"History holds {historyEvent}, but on replay the orchestration has no matching task #{taskId}.");
        return null;
    }

    private void Deliver(EventRaised raised)
    {
        if (waiters.TryGetValue(raised.Name, out var queue) && queue.First is { } first)
        {
            queue.RemoveFirst();
            first.Value.TrySetResult(raised.PayloadJson);
            return;
        }

        if (!bufferedEvents.TryGetValue(raised.Name, out var buffered))
        {
            bufferedEvents[raised.Name] = buffered = new Queue<string>();
        }

        buffered.Enqueue(raised.PayloadJson);
    }

    private void Diverge(string message)
    {
        lock (divergences)
        {
            divergences.Add(message);
        }
    }

    private static string Describe(HistoryEvent scheduled) => scheduled switch
    {
        TaskScheduled s => $"activity '{s.Name}' with input {s.InputJson}",
        TimerCreated t => $"a timer for {t.FireAt:O}",
        _ => scheduled.ToString(),
    };
}

/// <summary>Payloads cross the engine as JSON, as in Azure; a payload that does not round-trip fails here too.</summary>
internal static class DurableJsonRoundTrip
{
    public static string Serialize(object? value) => JsonSerializer.Serialize(value, DurableJson.Options);

    public static T? Deserialize<T>(string json) => JsonSerializer.Deserialize<T>(json, DurableJson.Options);
}

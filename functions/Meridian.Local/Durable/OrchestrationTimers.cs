namespace Meridian.Local.Durable;

/// <summary>
/// Durable timers of one instance, on the host's <see cref="TimeProvider"/>. Remembers the timers it
/// created, because Durable does not mark an instance Completed while one of its timers has neither
/// fired nor been cancelled: an orchestration that forgets to cancel its deadline stays Running
/// locally too, until the deadline.
/// </summary>
internal sealed class OrchestrationTimers(TimeProvider clock, CancellationToken stopping)
{
    private readonly Lock gate = new();
    private readonly List<Task> created = [];

    /// <summary>
    /// A task that completes at <paramref name="fireAt"/> (at once when that has passed) and ends
    /// cancelled when <paramref name="cancellationToken"/> is cancelled first.
    /// </summary>
    public Task Create(DateTime fireAt, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled(cancellationToken);
        }

        // As Durable does: the fire time is taken as UTC (ToUniversalTime), whatever its Kind.
        var dueIn = fireAt.ToUniversalTime() - clock.GetUtcNow().UtcDateTime;
        if (dueIn <= TimeSpan.Zero)
        {
            return Task.CompletedTask;
        }

        var completion = new CancellableCompletion<bool>(onCancelled: null, cancellationToken, stopping);
        var timer = clock.CreateTimer(
            static state => ((CancellableCompletion<bool>)state!).TrySetResult(true), completion, dueIn, Timeout.InfiniteTimeSpan);

        // A cancelled timer must not fire later, nor keep the clock's reference to it.
        _ = completion.Task.ContinueWith(
            static (_, state) => ((ITimer)state!).Dispose(), timer, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);

        lock (gate)
        {
            created.RemoveAll(task => task.IsCompleted);
            created.Add(completion.Task);
        }

        return completion.Task;
    }

    /// <summary>Completes once every timer created so far has fired or been cancelled.</summary>
    public async Task WaitForOutstandingAsync()
    {
        Task[] outstanding;
        lock (gate)
        {
            outstanding = [.. created.Where(task => !task.IsCompleted)];
        }

        await Task.WhenAll(outstanding).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }
}

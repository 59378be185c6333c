namespace Meridian.Testing.Durable;

/// <summary>
/// Runs every continuation of the orchestration on the host's thread, one at a time, as the Durable
/// engine does. A continuation posted from another thread means the orchestration awaited something
/// that is not durable (Task.Run, Task.Delay, real I/O): that is recorded as a divergence.
/// </summary>
internal sealed class OrchestrationSynchronizationContext(Action<string> reportDivergence) : SynchronizationContext
{
    private readonly Queue<(SendOrPostCallback Callback, object? State)> queue = new();
    private readonly int ownerThreadId = Environment.CurrentManagedThreadId;

    public override void Post(SendOrPostCallback d, object? state)
    {
        if (Environment.CurrentManagedThreadId != ownerThreadId)
        {
            reportDivergence(
                "Orchestration code continued on another thread: it awaited a task that is not durable " +
                "(Task.Run, Task.Delay, I/O or ConfigureAwait(false)). Use the context's timers and activities.");
            return;
        }

        queue.Enqueue((d, state));
    }

    public override void Send(SendOrPostCallback d, object? state) =>
        throw new NotSupportedException("Orchestration code must not block on a synchronization context.");

    /// <summary>Runs queued continuations until the orchestration waits on something the host must deliver.</summary>
    public void RunUntilIdle()
    {
        var previous = Current;
        SetSynchronizationContext(this);
        try
        {
            while (queue.TryDequeue(out var item))
            {
                item.Callback(item.State);
            }
        }
        finally
        {
            SetSynchronizationContext(previous);
        }
    }

    public void Start(Action action) => Post(_ => action(), null);
}

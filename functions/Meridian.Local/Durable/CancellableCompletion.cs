namespace Meridian.Local.Durable;

/// <summary>
/// The completion behind a durable timer or an event wait: cancelled by the orchestration's own token
/// (its task then ends cancelled, as in Durable) or by the instance stopping with the host.
/// Continuations run asynchronously, so whoever completes it (an HTTP callback raising an event, the
/// clock firing a timer, orchestration code cancelling a token) never runs orchestration code inline
/// on its own thread, and never while holding a lock.
/// </summary>
internal sealed class CancellableCompletion<T>
{
    private readonly TaskCompletionSource<T> source = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Action? onCancelled;
    private CancellationTokenRegistration byOrchestration;
    private CancellationTokenRegistration byStopping;

    /// <param name="onCancelled">Runs once if a token cancels it first: e.g. a waiter leaving the queue it waited in.</param>
    public CancellableCompletion(Action? onCancelled, CancellationToken orchestrationToken, CancellationToken stopping)
    {
        this.onCancelled = onCancelled;

        // A token that is already cancelled runs the callback here; the completion is then cancelled at birth.
        byOrchestration = orchestrationToken.UnsafeRegister(static (state, token) => ((CancellableCompletion<T>)state!).Cancel(token), this);
        byStopping = stopping.UnsafeRegister(static (state, token) => ((CancellableCompletion<T>)state!).Cancel(token), this);
    }

    public Task<T> Task => source.Task;

    public bool TrySetResult(T result)
    {
        if (!source.TrySetResult(result))
        {
            return false;
        }

        StopListening();
        return true;
    }

    public bool TrySetException(Exception exception)
    {
        if (!source.TrySetException(exception))
        {
            return false;
        }

        StopListening();
        return true;
    }

    private void Cancel(CancellationToken token)
    {
        if (source.TrySetCanceled(token))
        {
            StopListening();
            onCancelled?.Invoke();
        }
    }

    // Unregister never waits for a running callback, so it is safe from inside one.
    private void StopListening()
    {
        byOrchestration.Unregister();
        byStopping.Unregister();
    }
}

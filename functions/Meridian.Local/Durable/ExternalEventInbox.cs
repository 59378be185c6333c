namespace Meridian.Local.Durable;

/// <summary>
/// The external events of one instance. Names are case-insensitive. An event nobody waits for yet is
/// buffered, first in first out per name, and handed to the next wait for that name; an event with a
/// waiter goes to the one that has waited longest. Events arrive from any thread (HTTP callbacks)
/// while the orchestration waits on its own, hence the lock.
/// </summary>
/// <remarks>
/// Two deliberate choices where Durable versions differ or are harsher: with several waits open on one
/// name, durabletask-dotnet delivers to the oldest in older versions and to the newest in current ones
/// (here: the oldest); and a cancelled wait stays in Durable's queue and swallows the next event, where
/// here it leaves the queue and the event is buffered. Meridian's orchestration keeps at most one wait
/// per name open, so it depends on neither.
/// </remarks>
internal sealed class ExternalEventInbox(CancellationToken stopping)
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, Queue<string?>> buffered = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, LinkedList<IEventWaiter>> waiting = new(StringComparer.OrdinalIgnoreCase);

    private interface IEventWaiter
    {
        /// <summary>False when the wait was cancelled meanwhile: the event goes to the next waiter or the buffer.</summary>
        bool TryDeliver(string? payloadJson);
    }

    /// <summary>The next event of that name, read as <typeparamref name="T"/> from its JSON payload.</summary>
    public Task<T> WaitAsync<T>(string eventName, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(eventName);
        lock (gate)
        {
            // As in Durable, an event already here wins over a token already cancelled.
            if (buffered.TryGetValue(eventName, out var queue) && queue.TryDequeue(out var payloadJson))
            {
                if (queue.Count == 0)
                {
                    buffered.Remove(eventName);
                }

                return Read<T>(payloadJson);
            }

            if (!waiting.TryGetValue(eventName, out var waiters))
            {
                waiting[eventName] = waiters = new LinkedList<IEventWaiter>();
            }

            var waiter = new EventWaiter<T>();
            var node = waiters.AddLast(waiter);
            waiter.Listen(() => Withdraw(eventName, node), cancellationToken, stopping);
            return waiter.Task;
        }
    }

    /// <summary>Hands the event to its longest waiter, or buffers it until someone waits.</summary>
    public void Deliver(string eventName, string? payloadJson)
    {
        ArgumentException.ThrowIfNullOrEmpty(eventName);
        lock (gate)
        {
            if (waiting.TryGetValue(eventName, out var waiters))
            {
                while (waiters.First is { } first)
                {
                    waiters.RemoveFirst();
                    if (first.Value.TryDeliver(payloadJson))
                    {
                        RemoveIfEmpty(eventName, waiters);
                        return;
                    }
                }

                waiting.Remove(eventName);
            }

            if (!buffered.TryGetValue(eventName, out var queue))
            {
                buffered[eventName] = queue = new Queue<string?>();
            }

            queue.Enqueue(payloadJson);
        }
    }

    private void Withdraw(string eventName, LinkedListNode<IEventWaiter> node)
    {
        lock (gate)
        {
            if (node.List is { } waiters)
            {
                waiters.Remove(node);
                RemoveIfEmpty(eventName, waiters);
            }
        }
    }

    private void RemoveIfEmpty(string eventName, LinkedList<IEventWaiter> waiters)
    {
        if (waiters.Count == 0 && waiting.TryGetValue(eventName, out var current) && current == waiters)
        {
            waiting.Remove(eventName);
        }
    }

    private static Task<T> Read<T>(string? payloadJson)
    {
        try
        {
            return Task.FromResult(DurablePayload.Deserialize<T>(payloadJson)!);
        }
        catch (Exception unreadable)
        {
            // Where Durable fails too: the payload does not read as the type the orchestration waits for.
            return Task.FromException<T>(unreadable);
        }
    }

    private sealed class EventWaiter<T> : IEventWaiter
    {
        private CancellableCompletion<T>? completion;

        public Task<T> Task => completion!.Task;

        public void Listen(Action withdraw, CancellationToken cancellationToken, CancellationToken stopping) =>
            completion = new CancellableCompletion<T>(withdraw, cancellationToken, stopping);

        public bool TryDeliver(string? payloadJson)
        {
            if (completion!.Task.IsCompleted)
            {
                return false;
            }

            var read = Read<T>(payloadJson);
            return read.IsCompletedSuccessfully
                ? completion.TrySetResult(read.Result)
                : completion.TrySetException(read.Exception!.InnerException!);
        }
    }
}

using Meridian.Core.Machines.Fly;
using static Meridian.Local.FlyStandIn.Machines.MachineStates;

namespace Meridian.Local.FlyStandIn.Machines;

/// <summary>
/// A machine's state and the Fly events that got it there, and the waits on it. Waiters are
/// released by the transition itself, so a wait for "started" succeeds even when the process has
/// exited again by the time anyone looks.
/// </summary>
internal sealed class MachineTimeline
{
    private readonly Lock gate = new();
    private readonly List<MachineEvent> events = []; // oldest first
    private readonly List<(string State, TaskCompletionSource<WaitOutcome> Outcome)> waiters = [];
    private readonly TimeProvider time;
    private string state = Created;
    private DateTimeOffset updatedAt;

    public MachineTimeline(TimeProvider time)
    {
        this.time = time;
        updatedAt = time.GetUtcNow();
    }

    public string State
    {
        get
        {
            lock (gate)
            {
                return state;
            }
        }
    }

    public DateTimeOffset UpdatedAt
    {
        get
        {
            lock (gate)
            {
                return updatedAt;
            }
        }
    }

    /// <summary>Newest first, as Fly lists them.</summary>
    public IReadOnlyList<MachineEvent> Events()
    {
        lock (gate)
        {
            return [.. Enumerable.Reverse(events)];
        }
    }

    /// <summary>Records a Fly event (source "flyd", status the new state) and moves to that state.</summary>
    public void Record(string type, string newState, MachineEventRequest? request = null)
    {
        lock (gate)
        {
            events.Add(new MachineEvent
            {
                Id = MachineIds.NewInstanceId(),
                Type = type,
                Status = newState,
                Source = "flyd",
                Timestamp = time.GetUtcNow().ToUnixTimeMilliseconds(),
                Request = request,
            });
            Transition(newState);
        }
    }

    /// <summary>Moves to a state without an event of its own (Fly's "starting", "stopping").</summary>
    public void Transition(string newState)
    {
        lock (gate)
        {
            state = newState;
            updatedAt = time.GetUtcNow();
            foreach (var (wanted, outcome) in waiters)
            {
                if (wanted == newState)
                {
                    outcome.TrySetResult(WaitOutcome.Reached);
                }
                else if (newState == Destroyed)
                {
                    outcome.TrySetResult(WaitOutcome.NotFound); // it will never get there now
                }
                else if (MachineStates.CannotReach(newState, wanted))
                {
                    outcome.TrySetResult(WaitOutcome.Unreachable);
                }
            }
        }
    }

    public async Task<WaitOutcome> WaitForAsync(string wanted, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var outcome = new TaskCompletionSource<WaitOutcome>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (gate)
        {
            if (state == Destroyed)
            {
                return WaitOutcome.NotFound;
            }

            if (state == wanted)
            {
                return WaitOutcome.Reached;
            }

            if (MachineStates.CannotReach(state, wanted))
            {
                return WaitOutcome.Unreachable;
            }

            waiters.Add((wanted, outcome));
        }

        try
        {
            return await outcome.Task.WaitAsync(timeout, time, cancellationToken);
        }
        catch (TimeoutException)
        {
            return WaitOutcome.TimedOut;
        }
        finally
        {
            lock (gate)
            {
                waiters.RemoveAll(waiter => waiter.Outcome == outcome);
            }
        }
    }
}

using Microsoft.Extensions.Time.Testing;

namespace Meridian.Local.Tests.Durable;

/// <summary>
/// A fake clock that also tells when a timer has been set on it. The host sets timers on its own
/// threads; advancing the clock before the timer exists would leave the timer waiting for time that
/// has already passed, so tests advance only once the timer they mean is there.
/// </summary>
internal sealed class TestClock() : FakeTimeProvider(Origin)
{
    /// <summary>Where every test's clock starts.</summary>
    public static readonly DateTimeOffset Origin = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    private readonly Lock gate = new();
    private readonly List<TimeSpan> setButUnclaimed = [];
    private readonly List<(TimeSpan DueIn, TaskCompletionSource Set)> awaited = [];

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        if (dueTime != Timeout.InfiniteTimeSpan)
        {
            Record(dueTime);
        }

        return timer;
    }

    /// <summary>Waits until a timer due in <paramref name="dueIn"/> has been set, then moves the clock by that much.</summary>
    public async Task AdvanceOnceTimerIsSetAsync(TimeSpan dueIn)
    {
        await TimerSetAsync(dueIn);
        Advance(dueIn);
    }

    /// <summary>Waits until a timer due in <paramref name="dueIn"/> has been set; each timer set satisfies one wait.</summary>
    public Task TimerSetAsync(TimeSpan dueIn) => ClaimTimer(dueIn).WaitAsync(Within.Timeout);

    private Task ClaimTimer(TimeSpan dueIn)
    {
        lock (gate)
        {
            if (setButUnclaimed.Remove(dueIn))
            {
                return Task.CompletedTask;
            }

            var set = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            awaited.Add((dueIn, set));
            return set.Task;
        }
    }

    private void Record(TimeSpan dueIn)
    {
        lock (gate)
        {
            var index = awaited.FindIndex(wait => wait.DueIn == dueIn);
            if (index < 0)
            {
                setButUnclaimed.Add(dueIn);
                return;
            }

            var (_, set) = awaited[index];
            awaited.RemoveAt(index);
            set.TrySetResult();
        }
    }
}

namespace Meridian.Core.Machines;

/// <summary>
/// A create limit as "when may the next create go" (the generic cell rate algorithm: a token bucket
/// kept as one timestamp, so it can live in one blob): <see cref="Burst"/> creates at once, then one
/// per <see cref="Interval"/>, refilled continuously as Fly's bucket is.
/// </summary>
public sealed record CreateRate(int Burst, TimeSpan Interval)
{
    /// <summary>
    /// Fly allows a create per second per app in bursts of 3. Here bursts of 2 and one per 1.1 s: the
    /// third token stays in reserve for what the network and a busy host bunch up (a create sent late,
    /// the next on time) and for clocks of app instances a little apart; it costs 10% of the rate.
    /// </summary>
    public static CreateRate FlyDefault { get; } = new(2, TimeSpan.FromMilliseconds(1100));

    /// <summary>How far ahead of <c>nextFree</c> a create may go: the burst.</summary>
    private TimeSpan BurstAllowance => Interval * (Burst - 1);

    /// <summary>
    /// Takes a turn from a bucket whose next free turn is <paramref name="nextFree"/>: when this create may
    /// be sent, and the bucket's next free turn after it.
    /// </summary>
    public (DateTimeOffset SendAt, DateTimeOffset NextFree) Take(DateTimeOffset nextFree, DateTimeOffset now)
    {
        var sendAt = nextFree - BurstAllowance > now ? nextFree - BurstAllowance : now;
        return (sendAt, (nextFree > sendAt ? nextFree : sendAt) + Interval);
    }

    /// <summary>The bucket after Fly refused a create until <paramref name="until"/>: empty then, refilling one per interval.</summary>
    public DateTimeOffset HoldUntil(DateTimeOffset nextFree, DateTimeOffset until) =>
        nextFree > until + BurstAllowance ? nextFree : until + BurstAllowance;
}

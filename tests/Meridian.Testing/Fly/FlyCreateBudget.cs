namespace Meridian.Testing.Fly;

/// <summary>
/// Fly's create limit as a token bucket (per app: bursts of 3, then one a second), replayed over the
/// times creates were sent: how many Fly would have refused with 429, and the tightest spacing.
/// </summary>
public static class FlyCreateBudget
{
    public const int Burst = 3;
    public static readonly TimeSpan Refill = TimeSpan.FromSeconds(1);

    /// <summary>Creates that found the bucket empty.</summary>
    public static int Refusals(IEnumerable<DateTime> sentAt)
    {
        ArgumentNullException.ThrowIfNull(sentAt);
        var tokens = (double)Burst;
        DateTime? last = null;
        var refused = 0;
        foreach (var at in sentAt.Order())
        {
            if (last is { } previous)
            {
                tokens = Math.Min(Burst, tokens + ((at - previous) / Refill));
            }

            last = at;
            if (tokens >= 1)
            {
                tokens--;
            }
            else
            {
                refused++;
            }
        }

        return refused;
    }

    /// <summary>The smallest gap between two creates after the first burst, which may go at once.</summary>
    public static TimeSpan SmallestPacedGap(IEnumerable<DateTime> sentAt)
    {
        var sorted = sentAt.Order().ToList();
        return sorted.Count <= Burst
            ? TimeSpan.Zero
            : sorted.Skip(Burst - 1).Zip(sorted.Skip(Burst)).Min(pair => pair.Second - pair.First);
    }
}

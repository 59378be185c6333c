namespace Meridian.Local.FlyStandIn.Http;

/// <summary>
/// A token bucket refilled continuously from the clock. Unlike a timer-replenished limiter, a burst
/// gets exactly <see cref="RateLimit.Burst"/> requests however it falls against a timer tick, so
/// tests of the limits are not flaky.
/// </summary>
internal sealed class TokenBucket(RateLimit limit, TimeProvider time)
{
    private readonly Lock gate = new();
    private double tokens = limit.Burst;
    private long refilledAt = time.GetTimestamp();

    /// <summary>Takes a token, or says how long until one is there.</summary>
    public bool TryTake(out TimeSpan retryAfter)
    {
        lock (gate)
        {
            var now = time.GetTimestamp();
            tokens = Math.Min(limit.Burst, tokens + (time.GetElapsedTime(refilledAt, now).TotalSeconds * limit.PerSecond));
            refilledAt = now;
            if (tokens >= 1)
            {
                tokens -= 1;
                retryAfter = TimeSpan.Zero;
                return true;
            }

            retryAfter = TimeSpan.FromSeconds((1 - tokens) / limit.PerSecond);
            return false;
        }
    }
}

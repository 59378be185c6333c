namespace Meridian.Local.FlyStandIn.Http;

/// <summary>One bucket per action, as Fly limits each action of an app on its own.</summary>
internal sealed class RateLimits(FlyStandInOptions options, TimeProvider time)
{
    private readonly Dictionary<FlyAction, TokenBucket> buckets = Enum.GetValues<FlyAction>().ToDictionary(
        action => action,
        action => new TokenBucket(action is FlyAction.Get or FlyAction.Wait ? options.ReadRateLimit : options.ActionRateLimit, time));

    public bool TryAcquire(FlyAction action, out TimeSpan retryAfter)
    {
        if (!options.RateLimitsEnabled)
        {
            retryAfter = TimeSpan.Zero;
            return true;
        }

        return buckets[action].TryTake(out retryAfter);
    }
}

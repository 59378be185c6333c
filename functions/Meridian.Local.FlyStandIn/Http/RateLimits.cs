using System.Collections.Concurrent;

namespace Meridian.Local.FlyStandIn.Http;

/// <summary>
/// Fly's rate limits, scoped as Fly scopes them: create (and list) per app; start, stop, wait, delete
/// and get per machine. Each action of a scope has its own bucket: 1/s, bursts of 3, except get
/// (5/s, bursts of 10).
/// </summary>
internal sealed class RateLimits(FlyStandInOptions options, TimeProvider time)
{
    /// <summary>Machine buckets kept before the idle ones are let go: a long-running host makes many machines.</summary>
    private const int MachineBucketsKept = 10_000;

    private readonly ConcurrentDictionary<(FlyAction Action, string Scope), TokenBucket> buckets = new();

    /// <summary>Per machine, not per app.</summary>
    public static bool IsPerMachine(FlyAction action) => action is FlyAction.Get or FlyAction.Wait or FlyAction.Start or FlyAction.Stop or FlyAction.Delete;

    /// <param name="machineId">The machine the request is about; ignored for app-wide actions.</param>
    public bool TryAcquire(FlyAction action, string? machineId, out TimeSpan retryAfter)
    {
        if (!options.RateLimitsEnabled)
        {
            retryAfter = TimeSpan.Zero;
            return true;
        }

        var scope = IsPerMachine(action) ? machineId ?? string.Empty : string.Empty;
        if (buckets.Count > MachineBucketsKept)
        {
            // Losing an idle bucket only forgives a client what a full bucket would have anyway.
            buckets.Clear();
        }

        var bucket = buckets.GetOrAdd((action, scope), key => new TokenBucket(key.Action == FlyAction.Get ? options.ReadRateLimit : options.ActionRateLimit, time));
        return bucket.TryTake(out retryAfter);
    }
}

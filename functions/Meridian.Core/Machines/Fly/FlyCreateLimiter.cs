using System.Threading.RateLimiting;

namespace Meridian.Core.Machines.Fly;

/// <summary>
/// Fly's create limit kept on this side of the wire: one budget per process for every machine create,
/// whoever sends it (any audit, any retry). Orchestrations pace their creates, but an activity runs
/// when the engine gets to it: a burst dispatched late and the next create on time reach Fly
/// together, and Azure Storage timers fire up to a second early. Holding each create until its turn
/// keeps what Fly sees within its limit whatever the engine's timing.
/// </summary>
/// <remarks>
/// Fly refills its bucket continuously; System.Threading.RateLimiting's token bucket refills on a
/// timer whose phase is arbitrary, so a token can come back a moment after a burst and the next
/// create reach Fly too soon. This spaces creates exactly instead (the generic cell rate algorithm:
/// a token bucket computed as "when may the next one go").
/// </remarks>
public sealed class FlyCreateLimiter(TimeProvider time)
{
    /// <summary>
    /// Fly: a create per second per app, in bursts of 3. Here bursts of 2 and one per 1.1 s: Fly's third
    /// token stays in reserve for what a busy host and the network bunch up (a burst sent late, the next
    /// create on time), which costs an 18-region audit about a second.
    /// </summary>
    public const int Burst = 2;

    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(1100);

    private static readonly TimeSpan BurstAllowance = Interval * (Burst - 1);

    private readonly Lock gate = new();
    private DateTimeOffset nextFree = time.GetUtcNow();

    /// <summary>Waits for its turn when <paramref name="request"/> creates a machine; other requests pass at once.</summary>
    public async ValueTask<RateLimitLease> AcquireAsync(HttpRequestMessage? request, CancellationToken cancellationToken)
    {
        if (IsCreate(request))
        {
            var wait = Reserve() - time.GetUtcNow();
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, time, cancellationToken);
            }
        }

        return Granted.Lease;
    }

    /// <summary>When the next create may go; a cancelled wait gives its turn up, which only ever slows creates down.</summary>
    private DateTimeOffset Reserve()
    {
        lock (gate)
        {
            var now = time.GetUtcNow();
            var sendAt = nextFree - BurstAllowance > now ? nextFree - BurstAllowance : now;
            nextFree = (nextFree > sendAt ? nextFree : sendAt) + Interval;
            return sendAt;
        }
    }

    /// <summary><c>POST /apps/{app}/machines</c>, and nothing below it (start, stop, lease).</summary>
    internal static bool IsCreate(HttpRequestMessage? request) =>
        request?.Method == HttpMethod.Post
        && request.RequestUri?.AbsolutePath.TrimEnd('/').EndsWith("/machines", StringComparison.Ordinal) == true;

    /// <summary>The strategy needs a lease; the wait above is the limit.</summary>
    private sealed class Granted : RateLimitLease
    {
        public static readonly RateLimitLease Lease = new Granted();

        public override bool IsAcquired => true;

        public override IEnumerable<string> MetadataNames => [];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = null;
            return false;
        }
    }
}

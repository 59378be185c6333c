using System.Runtime.CompilerServices;

namespace Meridian.Core.Monitors.Alerts;

/// <summary>
/// Counts the HTTP attempts of one request, retries included, so a delivery records how many were
/// made. It sits inside the resilience handler, which passes the same request through it on every attempt.
/// </summary>
internal sealed class AttemptCountingHandler : DelegatingHandler
{
    private static readonly HttpRequestOptionsKey<StrongBox<int>> CounterKey = new("Meridian.Attempts");

    /// <summary>Starts counting the attempts of <paramref name="request"/>; read the box once it has been sent.</summary>
    public static StrongBox<int> CountAttempts(HttpRequestMessage request)
    {
        var counter = new StrongBox<int>();
        request.Options.Set(CounterKey, counter);
        return counter;
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Options.TryGetValue(CounterKey, out var counter))
        {
            Interlocked.Increment(ref counter.Value);
        }

        return base.SendAsync(request, cancellationToken);
    }
}

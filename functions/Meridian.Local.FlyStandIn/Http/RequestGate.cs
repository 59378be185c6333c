using System.Collections.Concurrent;
using System.Globalization;
using Meridian.Local.FlyStandIn.Faults;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Meridian.Local.FlyStandIn.Http;

/// <summary>
/// What every machines request passes before its handler, in Fly's order as a client sees it: the
/// app must exist, then injected request faults, then the action's rate limit.
/// </summary>
internal sealed class RequestGate(FlyStandInOptions options, FaultPlan faults, RateLimits limits, TimeProvider time)
{
    /// <summary>Arrivals kept per action: enough for any benchmark, bounded for a long-running host.</summary>
    private const int ArrivalsKept = 1000;

    private readonly ConcurrentQueue<DateTimeOffset>[] arrivalsByAction = [.. Enum.GetValues<FlyAction>().Select(_ => new ConcurrentQueue<DateTimeOffset>())];
    private readonly long[] rateLimitedByAction = new long[Enum.GetValues<FlyAction>().Length];

    /// <summary>How many requests were answered 429, by a storm or by the limits.</summary>
    public long RateLimitedResponses => rateLimitedByAction.Sum(count => Interlocked.Read(ref count));

    /// <summary>How many requests of one action were answered 429.</summary>
    public long RateLimitedResponsesOf(FlyAction action) => Interlocked.Read(ref rateLimitedByAction[(int)action]);

    /// <summary>When requests of one action arrived (the latest <see cref="ArrivalsKept"/>), refused ones included: how Fly would see their spacing.</summary>
    public IReadOnlyList<DateTimeOffset> ArrivalsOf(FlyAction action) => [.. arrivalsByAction[(int)action]];

    public IResult? Check(HttpContext context, FlyAction action)
    {
        var arrivals = arrivalsByAction[(int)action];
        arrivals.Enqueue(time.GetUtcNow());
        while (arrivals.Count > ArrivalsKept && arrivals.TryDequeue(out _))
        {
        }

        if (!string.Equals(context.Request.RouteValues["app"] as string, options.AppName, StringComparison.Ordinal))
        {
            return ApiErrors.Error(StatusCodes.Status404NotFound, "app not found", "not_found");
        }

        if (faults.TakeRequestFault(action) is { } status)
        {
            return status == StatusCodes.Status429TooManyRequests
                ? Limited(action, ApiErrors.RateLimited(context, options.StormRetryAfter))
                : ApiErrors.Error(status, string.Create(CultureInfo.InvariantCulture, $"injected fault: HTTP {status}"), "internal");
        }

        var machineId = context.Request.RouteValues["id"] as string;
        return limits.TryAcquire(action, machineId, out var retryAfter) ? null : Limited(action, ApiErrors.RateLimited(context, retryAfter));
    }

    private IResult Limited(FlyAction action, IResult response)
    {
        Interlocked.Increment(ref rateLimitedByAction[(int)action]);
        return response;
    }
}

internal static class RequestGateExtensions
{
    /// <summary>Puts the endpoint behind the gate, counted as <paramref name="action"/>.</summary>
    public static RouteHandlerBuilder Gated(this RouteHandlerBuilder endpoint, FlyAction action) =>
        endpoint.AddEndpointFilter(async (context, next) =>
            context.HttpContext.RequestServices.GetRequiredService<RequestGate>().Check(context.HttpContext, action)
            ?? await next(context));
}

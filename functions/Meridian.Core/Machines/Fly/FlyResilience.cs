using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Http.Resilience;
using Polly;
using Polly.Timeout;

namespace Meridian.Core.Machines.Fly;

/// <summary>
/// The rules for calling Fly, in one place: retry rate limits (429), server errors (5xx) and network
/// faults with jittered exponential backoff, or after Fly's Retry-After plus up to half a second of
/// jitter (clients told the same Retry-After would otherwise all come back at the same refill and
/// collide again); never retry 4xx answers, which will not change (400, 401, 404, 422) or mean "not
/// yet" (408 from wait); 30 s per attempt and a bound on the whole call. A create is never retried
/// here: each of its attempts takes a turn from the app's <see cref="ICreateBudget"/> first, and after a
/// 5xx, a timeout or a lost connection the machine may exist, which only listing by its metadata can
/// tell (flyctl does the same). <see cref="FlyRegionMachines"/> does both.
/// </summary>
public static class FlyResilience
{
    public static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(30);

    public static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> pipeline, FlyOptions options, TimeProvider time)
    {
        pipeline
            .AddTimeout(TimeSpan.FromSeconds(options.TotalTimeoutSeconds))
            .AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = options.MaxRetryAttempts,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(options.RetryBaseDelayMs),
                MaxDelay = TimeSpan.FromSeconds(20),
                ShouldRetryAfterHeader = false,
                DelayGenerator = arguments => ValueTask.FromResult(RetryAfterWithJitter(arguments.Outcome.Result, time)),
                ShouldHandle = arguments => ValueTask.FromResult(ShouldRetry(arguments.Outcome, arguments.Context.GetRequestMessage())),
            })
            .AddTimeout(AttemptTimeout);
    }

    /// <summary>Fly's Retry-After (seconds or a date) plus 0 to 500 ms; null (the backoff applies) when there is none.</summary>
    public static TimeSpan? RetryAfterWithJitter(HttpResponseMessage? response, TimeProvider time) =>
        RetryAfter(response?.Headers.RetryAfter, time.GetUtcNow()) is { } wait
            ? wait + TimeSpan.FromMilliseconds(Random.Shared.Next(0, 500))
            : null;

    /// <summary>How long a Retry-After header (seconds or a date) asks to wait from <paramref name="now"/>, never negative; null without one.</summary>
    public static TimeSpan? RetryAfter(RetryConditionHeaderValue? header, DateTimeOffset now)
    {
        var wait = header switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - now,
            _ => (TimeSpan?)null,
        };
        return wait is { } some ? TimeSpan.FromTicks(Math.Max(some.Ticks, 0)) : null;
    }

    /// <summary>A transient outcome of anything but a create (see the class summary).</summary>
    public static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, HttpRequestMessage? request) =>
        IsTransient(outcome) && !IsCreate(request);

    /// <summary><c>POST /apps/{app}/machines</c>, and nothing below it (start, stop, lease).</summary>
    public static bool IsCreate(HttpRequestMessage? request) =>
        request?.Method == HttpMethod.Post
        && request.RequestUri?.AbsolutePath.TrimEnd('/').EndsWith("/machines", StringComparison.Ordinal) == true;

    public static bool IsTransient(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Exception: HttpRequestException or TimeoutRejectedException } => true,
        { Result.StatusCode: HttpStatusCode.TooManyRequests } => true,
        { Result.StatusCode: var status } when (int)status >= 500 => true,
        _ => false,
    };
}

using System.Net;
using Microsoft.Extensions.Http.Resilience;
using Polly;
using Polly.Timeout;

namespace Meridian.Core.Fly;

/// <summary>
/// The rules for calling Fly, in one place: retry rate limits (429), server errors (5xx) and network
/// faults with jittered exponential backoff, honouring Retry-After; never retry 4xx answers, which
/// will not change (400, 401, 404, 422) or mean "not yet" (408 from wait); 30 s per attempt and a
/// bound on the whole call. Creates are retried too: machines are named per audit and region, so a
/// create that reached Fly before its answer was lost comes back as "already exists", not as a twin.
/// </summary>
public static class FlyResilience
{
    public static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(30);

    public static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> pipeline, FlyOptions options)
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
                ShouldRetryAfterHeader = true,
                ShouldHandle = arguments => ValueTask.FromResult(IsTransient(arguments.Outcome)),
            })
            .AddTimeout(AttemptTimeout);
    }

    public static bool IsTransient(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Exception: HttpRequestException or TimeoutRejectedException } => true,
        { Result.StatusCode: HttpStatusCode.TooManyRequests } => true,
        { Result.StatusCode: var status } when (int)status >= 500 => true,
        _ => false,
    };
}

using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace Meridian.Core.Monitors.Alerts;

/// <summary>
/// The rules for delivering an alert, in one place: retry what may pass on a second try (408, 429,
/// 5xx, a timed-out attempt, a network fault) with jittered exponential backoff, or after the
/// webhook's Retry-After when it sends one; never retry other answers (a 400 or 404 will not change);
/// bound each attempt and the whole delivery (<see cref="AlertWebhookOptions"/>).
/// </summary>
public static class AlertWebhookResilience
{
    public static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> pipeline, AlertWebhookOptions options)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        ArgumentNullException.ThrowIfNull(options);
        pipeline
            .AddTimeout(TimeSpan.FromMilliseconds(options.TotalTimeoutMs))
            .AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = options.MaxRetryAttempts,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(options.RetryBaseDelayMs),

                // A Retry-After longer than the time left ends in the total timeout: recorded, not waited out.
                ShouldRetryAfterHeader = true,

                // The library's transient set, which is exactly ours: HttpRequestException, a timed-out attempt, 408, 429, 5xx.
                ShouldHandle = arguments => ValueTask.FromResult(HttpClientResiliencePredicates.IsTransient(arguments.Outcome)),
            })
            .AddTimeout(TimeSpan.FromMilliseconds(options.AttemptTimeoutMs));
    }
}

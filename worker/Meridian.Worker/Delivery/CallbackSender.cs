using System.Net.Http.Headers;
using System.Net;
using Meridian.Contract.Delivery;
using Microsoft.Extensions.Logging;
using Polly.Retry;
using Polly.Timeout;
using Polly;

namespace Meridian.Worker.Delivery;

/// <summary>
/// POSTs the signed result to the callback URL. Faults that may pass (network errors, timeouts,
/// 408, 429, 5xx) are retried with jittered exponential backoff until <c>giveUpAt</c>; an answer
/// that will not change (400, 401, 404, 413…) ends the attempts at once. Each attempt is signed
/// afresh, so a long outage never turns into a stale timestamp.
/// </summary>
public sealed partial class CallbackSender(HttpClient http, TimeProvider time, ILogger<CallbackSender> logger)
{
    /// <summary>Bound on one attempt; the callback answers in milliseconds when it is up.</summary>
    public static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(15);

    public async Task<CallbackOutcome> SendAsync(Uri callbackUrl, byte[] key, byte[] body, DateTimeOffset giveUpAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(callbackUrl);
        var attempts = 0;
        var pipeline = Pipeline();

        using var window = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var left = giveUpAt - time.GetUtcNow();
        if (left <= TimeSpan.Zero)
        {
            return new CallbackOutcome(false, 0, "no time was left before the deadline");
        }

        window.CancelAfter(left);
        try
        {
            using var response = await pipeline.ExecuteAsync(
                async token =>
                {
                    attempts++;
                    using var request = new HttpRequestMessage(HttpMethod.Post, callbackUrl) { Content = new ByteArrayContent(body) };
                    request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                    var signed = CallbackSignature.Sign(key, time.GetUtcNow(), body);
                    request.Headers.Add(CallbackSignature.TimestampHeader, signed.Timestamp);
                    request.Headers.Add(CallbackSignature.SignatureHeader, signed.Signature);
                    return await http.SendAsync(request, token);
                },
                window.Token);

            if (response.IsSuccessStatusCode)
            {
                LogDelivered(logger, (int)response.StatusCode, attempts);
                return new CallbackOutcome(true, attempts, null);
            }

            var reason = $"the callback answered {(int)response.StatusCode} {response.ReasonPhrase}";
            LogRejected(logger, (int)response.StatusCode, attempts);
            return new CallbackOutcome(false, attempts, reason);
        }
        catch (Exception e) when (e is HttpRequestException or TimeoutRejectedException or OperationCanceledException)
        {
            var reason = e switch
            {
                OperationCanceledException when cancellationToken.IsCancellationRequested => "the machine is stopping",
                OperationCanceledException => "the callback could not be reached before the deadline",
                _ => $"the callback could not be reached: {e.Message}",
            };
            LogGaveUp(logger, attempts, reason);
            return new CallbackOutcome(false, attempts, reason);
        }
    }

    private ResiliencePipeline<HttpResponseMessage> Pipeline() =>
        new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                ShouldHandle = new PredicateBuilder<HttpResponseMessage>()
                    .Handle<HttpRequestException>()
                    .Handle<TimeoutRejectedException>()
                    .HandleResult(IsTransient),

                // Until the window closes; the window, not a count, bounds the attempts.
                MaxRetryAttempts = int.MaxValue,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(500),
                MaxDelay = TimeSpan.FromSeconds(10),
                DelayGenerator = args => ValueTask.FromResult(args.Outcome.Result?.Headers.RetryAfter?.Delta is { } after && after <= TimeSpan.FromSeconds(30) ? after : (TimeSpan?)null),
                OnRetry = args =>
                {
                    var what = args.Outcome.Result is { } result ? $"{(int)result.StatusCode}" : args.Outcome.Exception?.GetType().Name ?? "fault";
                    LogRetry(logger, args.AttemptNumber + 1, what, args.RetryDelay.TotalSeconds);
                    return ValueTask.CompletedTask;
                },
            })
            .AddTimeout(AttemptTimeout)
            .Build();

    private static bool IsTransient(HttpResponseMessage response) =>
        response.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)response.StatusCode >= 500;

    [LoggerMessage(Level = LogLevel.Information, Message = "Callback: delivered ({Status}) after {Attempts} attempt(s)")]
    private static partial void LogDelivered(ILogger logger, int status, int attempts);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Callback: refused with {Status} after {Attempts} attempt(s); not retrying an answer that will not change")]
    private static partial void LogRejected(ILogger logger, int status, int attempts);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Callback: attempt {Attempt} failed ({What}); retrying in {Seconds:0.0} s")]
    private static partial void LogRetry(ILogger logger, int attempt, string what, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Callback: gave up after {Attempts} attempt(s): {Reason}")]
    private static partial void LogGaveUp(ILogger logger, int attempts, string reason);
}

/// <summary>Whether the callback took the result, after how many attempts, and if not, why.</summary>
public sealed record CallbackOutcome(bool Delivered, int Attempts, string? Failure);

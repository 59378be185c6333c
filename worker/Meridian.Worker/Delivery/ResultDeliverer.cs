using System.Text;
using Meridian.Contract.Delivery;
using Microsoft.Extensions.Logging;

namespace Meridian.Worker.Delivery;

/// <summary>
/// Gets the signed result to the app: by callback while there is time, else as the fallback blob.
/// If both fail the result is printed to the log, the last place it can still be read from.
/// </summary>
public sealed partial class ResultDeliverer(CallbackSender callback, FallbackWriter fallback, TimeProvider time, ILogger<ResultDeliverer> logger)
{
    /// <summary>Callback attempts stop this long before the deadline, leaving time to write the fallback before it is read.</summary>
    public static readonly TimeSpan FallbackReserve = TimeSpan.FromSeconds(10);

    /// <summary>The fallback write gets at least this long, even past the deadline (its URL outlives the deadline by a grace period).</summary>
    public static readonly TimeSpan FallbackMinimumTime = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Once the machine is told to stop, the callback gets this long and the fallback
    /// <see cref="FallbackTimeAfterStop"/>: together within the machine's 30 s stop grace.
    /// </summary>
    public static readonly TimeSpan CallbackTimeAfterStop = TimeSpan.FromSeconds(8);

    public static readonly TimeSpan FallbackTimeAfterStop = TimeSpan.FromSeconds(15);

    /// <summary>
    /// Which path took the result, or null when neither did. <paramref name="callbackCutoff"/> ends the
    /// callback attempts early (the machine is stopping); the fallback is then written in the time left.
    /// </summary>
    public async Task<ResultDelivery?> DeliverAsync(WorkerSettings settings, byte[] body, CancellationToken callbackCutoff)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var sent = await callback.SendAsync(settings.CallbackUrl, settings.CallbackKey, body, settings.Deadline - FallbackReserve, callbackCutoff);
        if (sent.Delivered)
        {
            return ResultDelivery.Callback;
        }

        LogFallingBack(logger, sent.Failure ?? "unknown");
        var left = settings.Deadline - time.GetUtcNow();
        var allowed = callbackCutoff.IsCancellationRequested ? FallbackTimeAfterStop : left > FallbackMinimumTime ? left : FallbackMinimumTime;
        using var limit = new CancellationTokenSource(allowed);
        if (await fallback.WriteAsync(settings.FallbackUploadUrl, settings.CallbackKey, body, limit.Token))
        {
            return ResultDelivery.Fallback;
        }

        LogUndelivered(logger, Encoding.UTF8.GetString(body));
        return null;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Delivery: {Reason}; writing the fallback result instead")]
    private static partial void LogFallingBack(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Delivery: neither the callback nor the fallback blob took the result. The result was: {Body}")]
    private static partial void LogUndelivered(ILogger logger, string body);
}

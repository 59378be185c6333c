namespace Meridian.Core.Durable;

/// <summary>
/// How the durable engine retries a failed activity: the fields of Durable Task's <c>RetryPolicy</c>.
/// The delay before attempt n+1 is FirstRetryInterval × BackoffCoefficient^(n-1), capped at MaxRetryInterval.
/// </summary>
public sealed record ActivityRetryPolicy(
    int MaxNumberOfAttempts,
    TimeSpan FirstRetryInterval,
    double BackoffCoefficient = 2.0,
    TimeSpan? MaxRetryInterval = null)
{
    public TimeSpan DelayBeforeAttempt(int attempt)
    {
        var delay = FirstRetryInterval * Math.Pow(BackoffCoefficient, attempt - 2);
        return MaxRetryInterval is { } cap && delay > cap ? cap : delay;
    }
}

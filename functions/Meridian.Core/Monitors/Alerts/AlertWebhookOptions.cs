using System.ComponentModel.DataAnnotations;

namespace Meridian.Core.Monitors.Alerts;

/// <summary>
/// How hard Meridian tries to deliver an alert (section "Alerts"; as environment variables
/// <c>Alerts__Name</c>). The defaults give a webhook about 30 seconds in all: a webhook that is down
/// longer gets a recorded failed delivery, never a stuck audit.
/// </summary>
public sealed class AlertWebhookOptions
{
    public const string SectionName = "Alerts";

    /// <summary>Retries after a 408, 429, 5xx, timeout or network fault (Polly needs at least one).</summary>
    [Range(1, 10)]
    public int MaxRetryAttempts { get; set; } = 3;

    /// <summary>First retry delay; it doubles, with jitter, per retry unless the webhook sends Retry-After.</summary>
    [Range(1, 10_000)]
    public int RetryBaseDelayMs { get; set; } = 1000;

    /// <summary>Bound on one HTTP attempt.</summary>
    [Range(10, 60_000)]
    public int AttemptTimeoutMs { get; set; } = 10_000;

    /// <summary>Bound on one delivery with all its retries and waits.</summary>
    [Range(10, 120_000)]
    public int TotalTimeoutMs { get; set; } = 30_000;
}

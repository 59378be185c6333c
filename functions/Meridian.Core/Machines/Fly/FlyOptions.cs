using System.ComponentModel.DataAnnotations;

namespace Meridian.Core.Machines.Fly;

/// <summary>How Meridian reaches Fly Machines (section "Fly"; as environment variables <c>Fly__Name</c>).</summary>
public sealed class FlyOptions
{
    public const string SectionName = "Fly";

    /// <summary>The Machines API, ending in a slash: <c>https://api.machines.dev/v1/</c>, or the local stand-in's URL.</summary>
    [Required]
    public Uri ApiBaseUrl { get; set; } = new("https://api.machines.dev/v1/");

    /// <summary>The Fly app the audit machines are created in.</summary>
    [Required]
    [RegularExpression("^[a-z0-9][a-z0-9-]{0,62}$", ErrorMessage = "Fly__AppName must be a Fly app name: lower-case letters, digits and dashes.")]
    public string AppName { get; set; } = null!;

    /// <summary>The worker image, e.g. <c>registry.fly.io/meridian-workers:latest</c>.</summary>
    [Required]
    public string WorkerImage { get; set; } = null!;

    /// <summary>A Fly API token (<c>fly tokens create deploy</c>). A secret: never logged, never in an error message.</summary>
    [Required]
    public string ApiToken { get; set; } = null!;

    /// <summary>"performance" gives dedicated cores; Lighthouse scores drift on shared ones.</summary>
    [RegularExpression("^(shared|performance)$")]
    public string CpuKind { get; set; } = "performance";

    [Range(1, 16)]
    public int Cpus { get; set; } = 2;

    [Range(256, 65536)]
    public int MemoryMb { get; set; } = 4096;

    /// <summary>How long a machine may take to reach "started" before the create counts as failed.</summary>
    [Range(5, 600)]
    public int StartTimeoutSeconds { get; set; } = 120;

    /// <summary>Retries of one Fly call after a 429, 5xx or network fault.</summary>
    [Range(0, 10)]
    public int MaxRetryAttempts { get; set; } = 8;

    /// <summary>First retry delay; it doubles (with jitter) per attempt unless Fly sends Retry-After.</summary>
    [Range(1, 10_000)]
    public int RetryBaseDelayMs { get; set; } = 500;

    /// <summary>Bound on one Fly call with all its retries.</summary>
    [Range(5, 600)]
    public int TotalTimeoutSeconds { get; set; } = 120;

    /// <summary>Creates of the app's budget that may go at once (Fly allows 3; see <see cref="CreateRate.FlyDefault"/>).</summary>
    [Range(1, 3)]
    public int CreateBurst { get; set; } = CreateRate.FlyDefault.Burst;

    /// <summary>Time between creates of the app's budget once the burst is spent (Fly: 1,000 ms; see <see cref="CreateRate.FlyDefault"/>).</summary>
    [Range(1, 60_000)]
    public int CreateIntervalMs { get; set; } = (int)CreateRate.FlyDefault.Interval.TotalMilliseconds;

    /// <summary>The app's create budget: every create of every audit and instance takes a turn from it.</summary>
    public CreateRate CreateRate => new(CreateBurst, TimeSpan.FromMilliseconds(CreateIntervalMs));

    public override string ToString() => $"Fly app {AppName} at {ApiBaseUrl} (image {WorkerImage}, token hidden)";
}

using Meridian.Local.FlyStandIn.Faults;
using Microsoft.Extensions.Logging;

namespace Meridian.Local.FlyStandIn;

/// <summary>How the local Fly Machines stand-in behaves.</summary>
public sealed class FlyStandInOptions
{
    /// <summary>The bearer token every request must carry. A secret: never logged.</summary>
    public required string ApiToken { get; init; }

    /// <summary>The one app this stand-in serves; any other app name gets 404 "app not found".</summary>
    public required string AppName { get; init; }

    /// <summary>
    /// What each image runs locally. A create naming an image not in this map fails with 422, so a
    /// misconfigured worker image shows at the first create instead of as a silent region.
    /// </summary>
    public IDictionary<string, ImageCommand> Images { get; init; } = new Dictionary<string, ImageCommand>(StringComparer.Ordinal);

    /// <summary>Where to listen; 127.0.0.1 on a free port when null.</summary>
    public Uri? ListenUrl { get; init; }

    /// <summary>Fly's per-action limits; turn them off for benchmarks.</summary>
    public bool RateLimitsEnabled { get; init; } = true;

    /// <summary>Create and list (per app); start, stop, wait and delete (per machine): each its own bucket.</summary>
    public RateLimit ActionRateLimit { get; init; } = RateLimit.PerAction;

    /// <summary>Get Machine, per machine.</summary>
    public RateLimit ReadRateLimit { get; init; } = RateLimit.Reads;

    /// <summary>How long a machine stays "created" before its process starts, so that state can be seen.</summary>
    public TimeSpan BootDelay { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>How long an auto-destroy machine stays "stopped" after its exit before it is destroyed.</summary>
    public TimeSpan AutoDestroyDelay { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Time between the stop signal and killing the machine when neither the request nor stop_config says.</summary>
    public TimeSpan DefaultStopTimeout { get; init; } = TimeSpan.FromSeconds(5);

    public ExitedAtFormat ExitedAtFormat { get; init; } = ExitedAtFormat.Alternate;

    public ExitEventPlace ExitEventPlace { get; init; } = ExitEventPlace.Alternate;

    /// <summary>Retry-After (whole seconds, at least 1) on the 429s of a storm; the limiter's own 429s say when a token is back.</summary>
    public TimeSpan StormRetryAfter { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Lines of stdout and stderr kept per machine (oldest dropped first).</summary>
    public int MaxOutputLines { get; init; } = 2000;

    /// <summary>
    /// Machines of the app made by something else, as the JSON Fly answers for them (an object per
    /// entry, with at least <c>id</c>): listed and readable, never run. Clients must read past them.
    /// </summary>
    public IReadOnlyList<string> ForeignMachines { get; init; } = [];

    /// <summary>Faults in force from the start, by region (e.g. from configuration); change them at run time through <see cref="FlyStandInServer.Faults"/>.</summary>
    public IDictionary<string, RegionFault> RegionFaults { get; init; } = new Dictionary<string, RegionFault>(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// A folder of its own where each machine's process group is recorded while it runs; null records
    /// nothing. A stand-in started on it first kills the groups that a previous one, killed before it
    /// could stop them, left recorded there: a machine whose API server died can never be stopped or
    /// destroyed through the API again, so it dies with its host, as a VM does with its hypervisor. Linux only.
    /// </summary>
    public string? StateDirectory { get; init; }

    /// <summary>Logging of the stand-in's own web server; none unless configured here.</summary>
    public Action<ILoggingBuilder>? ConfigureLogging { get; init; }
}

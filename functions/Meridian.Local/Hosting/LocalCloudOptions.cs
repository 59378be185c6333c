using Meridian.Local.FlyStandIn;
using Meridian.Local.FlyStandIn.Faults;

namespace Meridian.Local.Hosting;

/// <summary>How to start the local stand-ins for Meridian's cloud.</summary>
public sealed record LocalCloudOptions
{
    /// <summary>Where Azurite keeps its data (results survive the run) and reports are written.</summary>
    public required string DataDirectory { get; init; }

    /// <summary>The folder holding <c>node_modules</c> (azurite, lighthouse): the repository's <c>worker/</c>.</summary>
    public required string NodeModulesDirectory { get; init; }

    public const string DefaultTaskHubName = "MeridianLocal";

    /// <summary>
    /// The Durable task hub in Azurite: its history, instances and queues are kept with the data, so a
    /// host started again on the same folder resumes the audits it was running.
    /// </summary>
    public string TaskHubName { get; init; } = DefaultTaskHubName;

    /// <summary>The API's port on 127.0.0.1; 0 picks a free one.</summary>
    public int Port { get; init; }

    /// <summary>Lets audits target 127.0.0.1 and private networks: only here, only when asked.</summary>
    public bool AllowPrivateTargets { get; init; }

    /// <summary>What a machine runs; null runs the real worker (Meridian.Worker.dll next to this program).</summary>
    public ImageCommand? WorkerCommand { get; init; }

    /// <summary>Faults the stand-in injects per region (tests and demos of failure handling).</summary>
    public IDictionary<string, RegionFault> RegionFaults { get; init; } = new Dictionary<string, RegionFault>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Runs on the app before the API is mapped: middleware for fault drills (a callback endpoint that is down).</summary>
    public Action<Microsoft.AspNetCore.Builder.WebApplication>? ConfigureApp { get; init; }

    /// <summary>Whether the stand-in enforces Fly's rate limits (on, as in production).</summary>
    public bool FlyRateLimits { get; init; } = true;

    /// <summary>
    /// Fly's rate limits run this many times faster, and Meridian's default create budget and pacing with them:
    /// tests of many audits at once in seconds instead of minutes. 1, Fly's own, except in such tests.
    /// </summary>
    public int FlyRateSpeedup { get; init; } = 1;

    /// <summary>Whether the monitor scheduler ticks every minute (<c>serve</c>); off for a one-off audit and in most tests.</summary>
    public bool RunMonitors { get; init; }
}

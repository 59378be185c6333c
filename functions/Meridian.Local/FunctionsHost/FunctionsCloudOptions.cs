using Meridian.Local.FlyStandIn;
using Meridian.Local.FlyStandIn.Faults;

namespace Meridian.Local.FunctionsHost;

/// <summary>How to run the Functions app locally: which host, which build, which environment, with what around it.</summary>
public sealed record FunctionsCloudOptions
{
    public required FunctionsHostInstallation Host { get; init; }

    /// <summary>The Functions app's build output (<c>functions/Meridian.Functions/bin/…/net10.0</c>).</summary>
    public required string AppBuildOutput { get; init; }

    /// <summary>The folder holding <c>node_modules</c> (azurite, lighthouse): the repository's <c>worker/</c>.</summary>
    public required string NodeModulesDirectory { get; init; }

    /// <summary>Where Azurite keeps its data, the app copy with its local.settings.json lives and the signing key is kept.</summary>
    public required string DataDirectory { get; init; }

    /// <summary>AZURE_FUNCTIONS_ENVIRONMENT: Development (Core Tools' default, validating every registration) or Production.</summary>
    public string EnvironmentName { get; init; } = "Development";

    /// <summary>The host's port on 127.0.0.1; 0 picks a free one.</summary>
    public int Port { get; init; }

    /// <summary>Lets audits target 127.0.0.1 and private networks: only here, only when asked.</summary>
    public bool AllowPrivateTargets { get; init; }

    /// <summary>What a machine runs; null runs the real worker (Meridian.Worker.dll next to this program).</summary>
    public ImageCommand? WorkerCommand { get; init; }

    /// <summary>Faults the stand-in injects per region (tests and demos of failure handling).</summary>
    public IDictionary<string, RegionFault> RegionFaults { get; init; } = new Dictionary<string, RegionFault>(StringComparer.OrdinalIgnoreCase);

    /// <summary>App settings over the generated ones (names as in local.settings.json, e.g. <c>Fly__MaxRetryAttempts</c>).</summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Each line the host writes (its log and the app's).</summary>
    public Action<string>? OnHostLine { get; init; }

    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(90);
}

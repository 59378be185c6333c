using Meridian.Local.Processes;

namespace Meridian.Local.FunctionsHost;

/// <summary>Which program runs the Functions host: Azure Functions Core Tools, or a <c>func-host</c> launcher folder.</summary>
public enum FunctionsHostKind
{
    /// <summary><c>func start</c> (Core Tools 4.x, which bundles the host).</summary>
    CoreTools,

    /// <summary><c>func-host start --script-root DIR</c>: a host built from source with a Core Tools-like launcher.</summary>
    FuncHostLauncher,
}

/// <summary>An Azure Functions host found on this machine, and how it was found.</summary>
public sealed record FunctionsHostInstallation(FunctionsHostKind Kind, string Executable)
{
    /// <summary>
    /// The setting naming a host: a folder holding <c>func-host</c> (or <c>func</c>), or one of those programs.
    /// A relative path is taken from the clone's root (tests run in their output folders), else from here.
    /// </summary>
    public const string Setting = "MERIDIAN_FUNCTIONS_HOST";

    public const string HowToInstall =
        "No Azure Functions host found. Install Azure Functions Core Tools v4 (so that 'func' is on PATH), " +
        $"or set {Setting} to a folder holding a func-host launcher (in CI: ../shared/functions-host).";

    /// <summary>The host <see cref="Setting"/> names, else Core Tools' <c>func</c> on PATH, else null.</summary>
    /// <exception cref="FunctionsHostNotFoundException">The setting names something that is not a host.</exception>
    public static FunctionsHostInstallation? Find(string? setting = null, string? pathVariable = null)
    {
        setting ??= Environment.GetEnvironmentVariable(Setting);
        if (!string.IsNullOrWhiteSpace(setting))
        {
            // A setting that is wrong must say so, not fall back to some other host.
            var path = Path.GetFullPath(setting, RepositoryLayout.FindRoot() ?? Environment.CurrentDirectory);
            return FromSetting(path)
                ?? throw new FunctionsHostNotFoundException($"{Setting}={setting} ({path}) is neither a func-host or func program nor a folder holding one.");
        }

        return ExecutableSearch.Find("func", pathVariable) is { } func ? new FunctionsHostInstallation(FunctionsHostKind.CoreTools, func) : null;
    }

    /// <summary><see cref="Find"/>, or a <see cref="FunctionsHostNotFoundException"/> saying what to install.</summary>
    public static FunctionsHostInstallation Require(string? setting = null) =>
        Find(setting) ?? throw new FunctionsHostNotFoundException(HowToInstall);

    private static FunctionsHostInstallation? FromSetting(string path)
    {
        if (Directory.Exists(path))
        {
            return FromSetting(Path.Combine(path, "func-host")) ?? FromSetting(Path.Combine(path, "func"));
        }

        if (!File.Exists(path))
        {
            return null;
        }

        return Path.GetFileName(path) switch
        {
            "func-host" => new FunctionsHostInstallation(FunctionsHostKind.FuncHostLauncher, path),
            "func" => new FunctionsHostInstallation(FunctionsHostKind.CoreTools, path),
            _ => null,
        };
    }
}

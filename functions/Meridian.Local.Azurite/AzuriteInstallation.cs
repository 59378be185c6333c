using System.Globalization;
using System.Text.Json;
using Meridian.Local.Processes;
namespace Meridian.Local.Azurite;

/// <summary>
/// Node.js and the installed Azurite's entry point for all its services (Blob, Queue, Table). The entry
/// point is read from Azurite's own package.json (the <c>azurite</c> bin) rather than assumed, so an
/// upgrade that moves it still works.
/// </summary>
internal sealed record AzuriteInstallation(string NodePath, string EntryPoint)
{
    private const string AllServicesBin = "azurite";
    private const string Fix = "Run `npm ci --prefix worker` from the repository root (it needs Node.js 20 or later on PATH).";

    /// <summary>Finds node on PATH and Azurite under <paramref name="nodeModulesDirectory"/>.</summary>
    /// <exception cref="AzuriteNotInstalledException">Either is missing; the message names every missing piece.</exception>
    public static AzuriteInstallation Locate(string nodeModulesDirectory) =>
        Locate(nodeModulesDirectory, Environment.GetEnvironmentVariable("PATH"));

    /// <param name="nodeModulesDirectory">The folder holding <c>node_modules</c>.</param>
    /// <param name="pathVariable">The PATH to look for node on.</param>
    public static AzuriteInstallation Locate(string nodeModulesDirectory, string? pathVariable)
    {
        var missing = new List<string>();
        var nodePath = ExecutableSearch.Find("node", pathVariable);
        if (nodePath is null)
        {
            missing.Add("Node.js ('node') is not on PATH.");
        }

        var entryPoint = FindEntryPoint(Path.GetFullPath(nodeModulesDirectory), missing);
        if (missing.Count > 0)
        {
            throw new AzuriteNotInstalledException($"{string.Join(' ', missing)} {Fix}");
        }

        return new AzuriteInstallation(nodePath!, entryPoint!);
    }

    /// <summary>Shipped beside this assembly (see the project file).</summary>
    public const string IgnoreClosedOutputScript = "ignore-closed-output.cjs";

    /// <summary>
    /// Azurite's command line for its Blob, Queue and Table services, on loopback, keeping their data in
    /// <paramref name="location"/>, or in memory only when <paramref name="inMemory"/> (Azurite refuses both at once).
    /// </summary>
    public IReadOnlyList<string> Arguments(AzuritePorts ports, string location, bool inMemory = false) =>
    [
        // Keeps an Azurite whose host was killed able to close and save when it is stopped later.
        "--require", Path.Combine(AppContext.BaseDirectory, IgnoreClosedOutputScript),
        EntryPoint,
        "--blobHost", "127.0.0.1",
        "--blobPort", ports.Blob.ToString(CultureInfo.InvariantCulture),
        "--queueHost", "127.0.0.1",
        "--queuePort", ports.Queue.ToString(CultureInfo.InvariantCulture),
        "--tableHost", "127.0.0.1",
        "--tablePort", ports.Table.ToString(CultureInfo.InvariantCulture),
        // The SDK may speak a newer service version than this Azurite knows; the calls we make exist in both.
        "--skipApiVersionCheck",
        // Ignore headers and parameters Azurite does not implement instead of failing the request.
        "--loose",
        "--disableTelemetry",
        // No access log: one line per request is noise in a test's output.
        "--silent",
        .. inMemory ? ["--inMemoryPersistence"] : new[] { "--location", location },
    ];

    private static string? FindEntryPoint(string nodeModulesDirectory, List<string> missing)
    {
        var package = Path.Combine(nodeModulesDirectory, "node_modules", "azurite");
        var manifest = Path.Combine(package, "package.json");
        if (!File.Exists(manifest))
        {
            missing.Add($"Azurite is not installed under '{nodeModulesDirectory}' (there is no '{manifest}').");
            return null;
        }

        using var document = JsonDocument.Parse(File.ReadAllText(manifest));
        if (!document.RootElement.TryGetProperty("bin", out var bins)
            || bins.ValueKind != JsonValueKind.Object
            || !bins.TryGetProperty(AllServicesBin, out var bin)
            || bin.GetString() is not { Length: > 0 } relative)
        {
            missing.Add($"'{manifest}' declares no '{AllServicesBin}' program: it is not an Azurite this library knows.");
            return null;
        }

        var entryPoint = Path.GetFullPath(Path.Combine(package, relative));
        if (!File.Exists(entryPoint))
        {
            missing.Add($"Azurite's entry point '{entryPoint}' is missing: the installation is incomplete.");
            return null;
        }

        return entryPoint;
    }
}

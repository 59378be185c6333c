namespace Meridian.Worker.Lighthouse;

/// <summary>Where node, Lighthouse's CLI and Chromium are on this machine.</summary>
public sealed record LighthouseInstallation(string NodePath, string CliPath, string ChromePath)
{
    private const string CliRelativePath = "node_modules/lighthouse/cli/index.js";

    /// <summary>
    /// Finds the three programs, or says which is missing and how to install it. Lighthouse is looked
    /// for in the worker's folder and each folder above it (the image puts <c>node_modules</c> next to
    /// the worker; a clone has it in <c>worker/</c>) unless a path is given.
    /// </summary>
    public static (LighthouseInstallation? Installation, string? Problem) Locate(WorkerSettings settings, string? searchFrom = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var node = FindExecutable(settings.NodePath);
        if (node is null)
        {
            return (null, $"Node.js was not found ('{settings.NodePath}'); install Node.js 18.16+ or set {WorkerSettingsReader.NodePath}.");
        }

        var cli = settings.LighthouseCliPath ?? FindUpwards(searchFrom ?? AppContext.BaseDirectory);
        if (cli is null || !File.Exists(cli))
        {
            return (null, $"Lighthouse was not found ({cli ?? CliRelativePath + " above " + (searchFrom ?? AppContext.BaseDirectory)}); run `npm ci --prefix worker` or set {WorkerSettingsReader.LighthouseCli}.");
        }

        if (!File.Exists(settings.ChromePath))
        {
            return (null, $"Chromium was not found at {settings.ChromePath}; install it (`apt-get install -y chromium`) or set {WorkerSettingsReader.ChromePath}.");
        }

        return (new LighthouseInstallation(node, cli, settings.ChromePath), null);
    }

    private static string? FindUpwards(string start)
    {
        for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
        {
            var candidate = Path.Combine(folder.FullName, CliRelativePath);
            if (File.Exists(candidate))
            {
                return candidate;
            }

            // The repository layout: worker/Meridian.Worker/bin/... has node_modules in worker/.
            candidate = Path.Combine(folder.FullName, "worker", CliRelativePath);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    private static string? FindExecutable(string name)
    {
        if (name.Contains('/', StringComparison.Ordinal))
        {
            return File.Exists(name) ? name : null;
        }

        return (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, name))
            .FirstOrDefault(File.Exists);
    }
}

using Meridian.Local.Processes;

namespace Meridian.Local;

/// <summary>What a real local audit needs on the machine, each with the way to get it.</summary>
public static class Prerequisites
{
    public const string ChromiumPath = "/usr/bin/chromium";

    /// <summary>One sentence per missing thing, saying how to install it; empty when all is there.</summary>
    public static IReadOnlyList<string> Missing(string nodeModulesDirectory)
    {
        var missing = new List<string>();
        if (!File.Exists(Environment.GetEnvironmentVariable("CHROME_PATH") ?? ChromiumPath))
        {
            missing.Add($"Chromium is not installed at {ChromiumPath}. Install it with: sudo apt-get install -y chromium (or set CHROME_PATH).");
        }

        if (ExecutableSearch.Find("node") is null)
        {
            missing.Add("Node.js is not on PATH. Install Node.js 18.16+ with npm (Debian: sudo apt-get install -y nodejs npm).");
        }

        foreach (var package in new[] { "lighthouse", "azurite" })
        {
            if (!Directory.Exists(Path.Combine(nodeModulesDirectory, "node_modules", package)))
            {
                missing.Add($"The Node package '{package}' is not installed. Run: npm ci --prefix worker (the build does this when npm is present).");
            }
        }

        return missing;
    }
}

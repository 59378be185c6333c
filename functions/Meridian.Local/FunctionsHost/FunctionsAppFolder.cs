using System.Text.Json;

namespace Meridian.Local.FunctionsHost;

/// <summary>
/// A copy of the Functions app's build output with a generated <c>local.settings.json</c>, the way Core
/// Tools reads app settings: each run gets its own, so the build output is never written to.
/// </summary>
public static class FunctionsAppFolder
{
    /// <summary>Copies <paramref name="buildOutput"/> into <paramref name="folder"/> and writes the settings there.</summary>
    /// <exception cref="FunctionsHostStartException">The build output is not a built Functions app.</exception>
    public static void Prepare(string buildOutput, string folder, IReadOnlyDictionary<string, string> settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (!File.Exists(Path.Combine(buildOutput, "functions.metadata")) || !File.Exists(Path.Combine(buildOutput, "worker.config.json")))
        {
            throw new FunctionsHostStartException($"{buildOutput} holds no built Functions app (functions.metadata, worker.config.json). Build Functions.sln first.");
        }

        Copy(new DirectoryInfo(buildOutput), Directory.CreateDirectory(folder));
        var document = new Dictionary<string, object>
        {
            ["IsEncrypted"] = false,
            ["Values"] = settings,
        };
        File.WriteAllText(Path.Combine(folder, "local.settings.json"), JsonSerializer.Serialize(document, IndentedJson));
    }

    private static readonly JsonSerializerOptions IndentedJson = new() { WriteIndented = true };

    private static void Copy(DirectoryInfo source, DirectoryInfo target)
    {
        foreach (var file in source.EnumerateFiles())
        {
            // The build's own local.settings.json (a developer's secrets, if any) is never carried along.
            if (file.Name != "local.settings.json")
            {
                file.CopyTo(Path.Combine(target.FullName, file.Name), overwrite: true);
            }
        }

        foreach (var child in source.EnumerateDirectories())
        {
            Copy(child, target.CreateSubdirectory(child.Name));
        }
    }
}

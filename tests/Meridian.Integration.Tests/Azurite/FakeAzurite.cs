using System.Text.Json;

namespace Meridian.Integration.Tests.Azurite;

/// <summary>
/// A folder whose <c>node_modules/azurite</c> declares a script of the test's as its entry point:
/// a way to make Azurite fail on cue. The script runs in Azurite's data folder.
/// </summary>
internal sealed class FakeAzurite : IDisposable
{
    private FakeAzurite(string root) => NodeModulesDirectory = root;

    public string NodeModulesDirectory { get; }

    /// <summary>A file beside the script, where it can leave notes for the test.</summary>
    public string PackageFile(string name) => Path.Combine(NodeModulesDirectory, "node_modules", "azurite", name);

    public static FakeAzurite WithEntryPoint(string script)
    {
        var root = Directory.CreateTempSubdirectory("meridian-fake-azurite-").FullName;
        var package = Directory.CreateDirectory(Path.Combine(root, "node_modules", "azurite")).FullName;
        File.WriteAllText(Path.Combine(package, "package.json"), """{ "name": "azurite", "bin": { "azurite": "./fake-azurite.js" } }""");
        File.WriteAllText(Path.Combine(package, "fake-azurite.js"), script);
        return new FakeAzurite(root);
    }

    /// <summary>A JavaScript string literal for <paramref name="value"/>.</summary>
    public static string Literal(string value) => JsonSerializer.Serialize(value);

    public void Dispose() => Directory.Delete(NodeModulesDirectory, recursive: true);
}

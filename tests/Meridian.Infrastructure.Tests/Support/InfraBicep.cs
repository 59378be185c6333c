using System.Collections.Concurrent;
using System.Text.Json;

namespace Meridian.Infrastructure.Tests.Support;

/// <summary>
/// A copy of infra-bicep/ in a temporary folder, where the tests run bicep (snapshot writes its result
/// next to the parameters file, and nothing should land in the repository). Shared by the test classes.
/// </summary>
public sealed class InfraBicep : IDisposable
{
    // Fixed deployment scope, so snapshots name the same resources on every run.
    public const string SubscriptionId = "11111111-1111-1111-1111-111111111111";
    public const string ResourceGroup = "rg-meridian-tests";
    public const string Location = "westeurope";

    private readonly ConcurrentDictionary<string, Lazy<Task<TemplateSnapshot>>> snapshots = new();

    public InfraBicep()
    {
        Folder = Path.Combine(Path.GetTempPath(), $"meridian-infra-bicep-{Guid.NewGuid():N}");
        var source = BuildPaths.InRepository("infra-bicep");
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var copy = Path.Combine(Folder, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(file, copy);
        }
    }

    /// <summary>The copy of infra-bicep/, bicepconfig.json included.</summary>
    public string Folder { get; }

    public Task<BicepResult> RunAsync(params string[] arguments) => BicepCli.RunAsync(Folder, arguments);

    /// <summary>Runs bicep, fails the test unless it succeeds without a single diagnostic, and returns what it printed.</summary>
    public async Task<string> RunCleanAsync(params string[] arguments)
    {
        var result = await RunAsync(arguments);
        Assert.True(result.ExitCode == 0 && result.StandardError.Length == 0, result.ToString());
        return result.StandardOutput;
    }

    /// <summary>What deploying main.bicepparam would create (bicep snapshot), computed once.</summary>
    public Task<TemplateSnapshot> MainSnapshotAsync() => SnapshotAsync("main.bicepparam");

    /// <summary>Writes a parameters file (without its <c>using</c> line) into the copy and snapshots it.</summary>
    public Task<TemplateSnapshot> SnapshotAsync(string fileName, string parameters)
    {
        File.WriteAllText(Path.Combine(Folder, fileName), $"using 'main.bicep'\n\n{parameters}\n");
        return SnapshotAsync(fileName);
    }

    public void Dispose() => Directory.Delete(Folder, recursive: true);

    private Task<TemplateSnapshot> SnapshotAsync(string parametersFile) =>
        snapshots.GetOrAdd(parametersFile, file => new Lazy<Task<TemplateSnapshot>>(() => TakeSnapshotAsync(file))).Value;

    private async Task<TemplateSnapshot> TakeSnapshotAsync(string parametersFile)
    {
        await RunCleanAsync(
            "snapshot", parametersFile,
            "--subscription-id", SubscriptionId,
            "--resource-group", ResourceGroup,
            "--location", Location,
            "--tenant-id", "22222222-2222-2222-2222-222222222222");

        var snapshotFile = Path.Combine(Folder, Path.ChangeExtension(parametersFile, ".snapshot.json"));
        using var document = JsonDocument.Parse(await File.ReadAllTextAsync(snapshotFile));
        return new TemplateSnapshot(document.RootElement.Clone());
    }
}

[CollectionDefinition(Name)]
public sealed class SharedInfraBicep : ICollectionFixture<InfraBicep>
{
    public const string Name = "infra-bicep";
}

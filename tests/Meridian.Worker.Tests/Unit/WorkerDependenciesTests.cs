using System.Text.Json;
using System.Xml.Linq;
using Meridian.Testing;

namespace Meridian.Worker.Tests.Unit;

/// <summary>
/// What ships in the worker image: the worker's own deps.json and runtimeconfig.json, as built
/// (worker/WorkerOutput.targets copies them beside the tests). The worker knows the app only
/// through Meridian.Contract, so none of the app's packages ride into the Fly image.
/// </summary>
public class WorkerDependenciesTests
{
    private static readonly string WorkerFolder = Path.Combine(AppContext.BaseDirectory, "worker");

    [Fact]
    public void The_worker_references_the_contract_project_and_no_other()
    {
        var projects = Libraries().Where(library => library.Type == "project").Select(library => library.Name);

        Assert.Equal(["Meridian.Contract", "Meridian.Worker"], projects.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("Meridian.Core")]
    [InlineData("Refit")]
    [InlineData("Cronos")]
    [InlineData("CsvHelper")]
    [InlineData("Microsoft.AspNetCore")]
    [InlineData("Microsoft.DurableTask")]
    [InlineData("Microsoft.Extensions.Http.Resilience")]
    public void None_of_the_apps_packages_ships_with_the_worker(string prefix)
    {
        Assert.DoesNotContain(Libraries(), library => library.Name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(Directory.EnumerateFiles(WorkerFolder, "*.dll"), file => Path.GetFileName(file).StartsWith(prefix, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void The_worker_runs_on_the_base_runtime_without_the_aspnet_core_framework()
    {
        using var config = JsonDocument.Parse(File.ReadAllText(Path.Combine(WorkerFolder, "Meridian.Worker.runtimeconfig.json")));
        var options = config.RootElement.GetProperty("runtimeOptions");

        Assert.False(options.TryGetProperty("frameworks", out _), "The worker must need one framework only.");
        Assert.Equal("Microsoft.NETCore.App", options.GetProperty("framework").GetProperty("name").GetString());
    }

    /// <summary>The image is built from source: it must copy what the worker references, and only that.</summary>
    [Fact]
    public void The_image_copies_the_contract_project_and_not_core()
    {
        var dockerfile = File.ReadAllText(RepositoryPaths.Combine("worker", "Dockerfile"));
        var references = XDocument.Load(RepositoryPaths.Combine("worker", "Meridian.Worker", "Meridian.Worker.csproj"))
            .Descendants("ProjectReference")
            .Select(reference => Path.GetFileNameWithoutExtension(reference.Attribute("Include")!.Value))
            .ToList();

        Assert.Equal(["Meridian.Contract"], references);
        Assert.Contains("COPY functions/Meridian.Contract/ functions/Meridian.Contract/", dockerfile, StringComparison.Ordinal);
        Assert.DoesNotContain("Meridian.Core", dockerfile, StringComparison.Ordinal);
    }

    private static List<(string Name, string Type)> Libraries()
    {
        using var deps = JsonDocument.Parse(File.ReadAllText(Path.Combine(WorkerFolder, "Meridian.Worker.deps.json")));
        return
        [
            .. deps.RootElement.GetProperty("libraries").EnumerateObject()
                .Select(library => (library.Name.Split('/')[0], library.Value.GetProperty("type").GetString()!)),
        ];
    }
}

using System.Reflection;

namespace Meridian.Infrastructure.Tests.Support;

/// <summary>Paths the project file fixed at build time (AssemblyMetadata): the repository and the bicep executable.</summary>
internal static class BuildPaths
{
    public static string RepositoryRoot { get; } = Metadata("RepositoryRoot");

    /// <summary>tools/bicep of the Azure.Bicep.CommandLine.linux-x64 package, in the NuGet package folder.</summary>
    public static string BicepExecutable { get; } = Metadata("BicepExecutable");

    public static string InRepository(params string[] parts) => Path.Combine([RepositoryRoot, .. parts]);

    private static string Metadata(string key) =>
        typeof(BuildPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(attribute => attribute.Key == key).Value
        ?? throw new InvalidOperationException($"The project file sets no {key}.");
}

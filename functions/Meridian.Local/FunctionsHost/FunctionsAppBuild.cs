using System.Reflection;

namespace Meridian.Local.FunctionsHost;

/// <summary>Where the build put the Functions app (this project builds it first, in the same configuration).</summary>
public static class FunctionsAppBuild
{
    public static string OutputDirectory { get; } =
        typeof(FunctionsAppBuild).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "FunctionsAppOutput").Value!;
}

using System.Text.Json;
using Meridian.Core.Http;
using Meridian.Local.FunctionsHost;

namespace Meridian.Functions.Tests.Host;

/// <summary>The routes a request without a key must not pass, read from what the host indexes.</summary>
public static class KeyedRoutes
{
    /// <summary>Every Function-level HTTP trigger in the app's functions.metadata, its route parameters filled in.</summary>
    public static TheoryData<string, string> All()
    {
        var routes = new TheoryData<string, string>();
        using var metadata = JsonDocument.Parse(File.ReadAllText(Path.Combine(FunctionsAppBuild.OutputDirectory, "functions.metadata")));
        foreach (var trigger in metadata.RootElement.EnumerateArray()
            .SelectMany(function => function.GetProperty("bindings").EnumerateArray())
            .Where(binding => binding.GetProperty("type").GetString() == "httpTrigger" && binding.GetProperty("authLevel").GetString() == "Function"))
        {
            var path = $"{ApiRoutes.Prefix}/{trigger.GetProperty("route").GetString()}"
                .Replace("{auditId}", "0193a1b2c3d47e5f8a9b0c1d2e3f4a5b", StringComparison.Ordinal)
                .Replace("{monitorId}", "mon-0193a1b2c3d47e5f8a9b0c1d2e3f4a5b", StringComparison.Ordinal);
            foreach (var method in trigger.GetProperty("methods").EnumerateArray())
            {
                routes.Add(method.GetString()!.ToUpperInvariant(), path);
            }
        }

        return routes;
    }
}

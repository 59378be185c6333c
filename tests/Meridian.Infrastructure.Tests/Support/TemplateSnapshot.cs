using System.Text.Json;

namespace Meridian.Infrastructure.Tests.Support;

/// <summary>
/// The output of <c>bicep snapshot</c>: every resource the deployment would create, modules flattened,
/// loops expanded and parameters applied. Values known only at deployment time (an identity's client
/// id, a host name) stay ARM expressions such as <c>[reference('…').clientId]</c>, and so do secure values.
/// </summary>
public sealed class TemplateSnapshot(JsonElement root)
{
    public IReadOnlyList<JsonElement> Resources { get; } = [.. root.GetProperty("predictedResources").EnumerateArray()];

    public JsonElement Outputs => root.GetProperty("outputs");

    public IEnumerable<JsonElement> OfType(string type) =>
        Resources.Where(resource => resource.GetProperty("type").GetString() == type);

    public JsonElement Resource(string type) => Assert.Single(OfType(type));

    /// <summary>The function app's settings, by name.</summary>
    public IReadOnlyDictionary<string, string> AppSettings =>
        Resource("Microsoft.Web/sites/config").GetProperty("properties").EnumerateObject()
            .ToDictionary(setting => setting.Name, setting => setting.Value.GetString()!, StringComparer.Ordinal);

    /// <summary>The ARM expression of a value only known at deployment time: a property of the resource with this id.</summary>
    public static string RuntimeReference(string resourceId, string apiVersion, string property) =>
        $"reference('{resourceId}', '{apiVersion}').{property}";
}

internal static class ResourceJson
{
    public static string Id(this JsonElement resource) => resource.GetProperty("id").GetString()!;

    public static string Name(this JsonElement resource) => resource.GetProperty("name").GetString()!;

    public static string ApiVersion(this JsonElement resource) => resource.GetProperty("apiVersion").GetString()!;

    public static JsonElement Properties(this JsonElement resource) => resource.GetProperty("properties");

    /// <summary>The value at a dotted path, e.g. <c>functionAppConfig.runtime.name</c>.</summary>
    public static JsonElement At(this JsonElement element, string path) =>
        path.Split('.').Aggregate(element, (current, name) => current.GetProperty(name));
}

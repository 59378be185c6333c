using System.Text.Json;
using Meridian.Contract.Results;
using Meridian.Core.Http;

namespace Meridian.Core.Tests.Http;

/// <summary>The served OpenAPI document matches the routes the code maps.</summary>
public class OpenApiDocumentTests
{
    private static readonly JsonElement Paths = JsonDocument.Parse(OpenApiDocument.Json).RootElement.GetProperty("paths");

    public static TheoryData<string, string> Operations() => new()
    {
        { "post", ApiRoutes.Audits },
        { "get", ApiRoutes.Audits },
        { "get", ApiRoutes.Audit },
        { "post", ApiRoutes.RegionResult },
        { "get", ApiRoutes.OpenApi },
        { "post", ApiRoutes.Monitors },
        { "get", ApiRoutes.Monitors },
        { "get", ApiRoutes.Monitor },
        { "put", ApiRoutes.Monitor },
        { "delete", ApiRoutes.Monitor },
        { "get", ApiRoutes.MonitorHistory },
    };

    [Theory]
    [MemberData(nameof(Operations))]
    public void Every_route_the_code_maps_is_documented(string method, string route) =>
        Assert.True(Paths.TryGetProperty("/" + route, out var path) && path.TryGetProperty(method, out _), $"{method} /{route}");

    [Fact]
    public void Every_documented_operation_is_a_route_the_code_maps()
    {
        var mapped = Operations().Select(row => ((string)row[0], (string)row[1])).ToHashSet();

        var documented = Paths.EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(op => (op.Name, path.Name.TrimStart('/'))))
            .ToList();

        Assert.All(documented, operation => Assert.Contains(operation, mapped));
        Assert.Equal(mapped.Count, documented.Count);
    }

    [Fact]
    public void Every_reference_in_the_document_resolves()
    {
        var root = JsonDocument.Parse(OpenApiDocument.Json).RootElement;
        var references = new List<string>();
        Collect(root, references);

        Assert.NotEmpty(references);
        Assert.All(references, reference =>
        {
            var node = root;
            foreach (var part in reference.TrimStart('#', '/').Split('/'))
            {
                Assert.True(node.TryGetProperty(part, out node), $"{reference} does not resolve");
            }
        });
    }

    private static void Collect(JsonElement element, List<string> references)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in element.EnumerateObject())
            {
                if (property.Name == "$ref")
                {
                    references.Add(property.Value.GetString()!);
                }

                Collect(property.Value, references);
            }
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray())
            {
                Collect(item, references);
            }
        }
    }
}

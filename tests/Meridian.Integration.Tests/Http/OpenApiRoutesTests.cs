using System.Text.Json;
using Meridian.Core.Http;

namespace Meridian.Integration.Tests.Http;

/// <summary>The OpenAPI document against the endpoints the host really maps, not a list kept by hand.</summary>
public sealed class OpenApiRoutesTests(ApiTestHost host) : IClassFixture<ApiTestHost>
{
    [Fact]
    public void The_document_describes_exactly_the_operations_the_host_maps()
    {
        var mapped = host.MappedOperations();

        var documented = JsonDocument.Parse(OpenApiDocument.Json).RootElement.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(operation => $"{operation.Name.ToUpperInvariant()} /{ApiRoutes.Prefix}{path.Name}"))
            .Order(StringComparer.Ordinal);

        Assert.Equal(documented, mapped);
    }
}

using System.Text.Json;
using Meridian.Core.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Meridian.Integration.Tests.Http;

/// <summary>The route table (<see cref="ApiOperations"/>) against what the OpenAPI document describes and the host really maps.</summary>
public sealed class OpenApiRoutesTests(ApiTestHost host) : IClassFixture<ApiTestHost>
{
    private static IOrderedEnumerable<string> Table(Func<ApiOperation, string> line) => ApiOperations.All.Select(line).Order(StringComparer.Ordinal);

    [Fact]
    public void The_document_describes_exactly_the_operations_of_the_route_table_under_their_ids()
    {
        var documented = JsonDocument.Parse(OpenApiDocument.Json).RootElement.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(operation =>
                $"{operation.Value.GetProperty("operationId").GetString()} {operation.Name.ToUpperInvariant()} /{ApiRoutes.Prefix}{path.Name}"))
            .Order(StringComparer.Ordinal);

        Assert.Equal(Table(operation => $"{operation.OperationId} {operation.Method} /{ApiRoutes.Prefix}/{operation.Route}"), documented);
    }

    [Fact]
    public void The_host_maps_exactly_the_route_table_under_its_names()
    {
        var mapped = host.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .SelectMany(endpoint => endpoint.Metadata.GetRequiredMetadata<HttpMethodMetadata>().HttpMethods
                .Select(method => $"{endpoint.Metadata.GetRequiredMetadata<IEndpointNameMetadata>().EndpointName} {method} {endpoint.RoutePattern.RawText}"))
            .Order(StringComparer.Ordinal);

        Assert.Equal(Table(operation => $"{operation.Name} {operation.Method} /{ApiRoutes.Prefix}/{operation.Route}"), mapped);
    }
}

using Meridian.Core.Durable;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Meridian.Core.Api;

/// <summary>
/// The API on a Kestrel host (the local host): the same routes as the Functions app's triggers, each
/// a call into the same handler. The host registers an <see cref="IOrchestrationClient"/>.
/// </summary>
public static class ApiEndpoints
{
    public static RouteGroupBuilder MapMeridianApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var api = endpoints.MapGroup("/" + ApiRoutes.Prefix);
        api.MapPost("/" + ApiRoutes.Audits, (HttpRequest request, AuditApi audits, IOrchestrationClient client, CancellationToken cancellationToken) =>
            audits.StartAsync(request, client, cancellationToken));
        api.MapGet("/" + ApiRoutes.Audits, (HttpRequest request, AuditApi audits, CancellationToken cancellationToken) =>
            audits.ListAsync(request, cancellationToken));
        api.MapGet("/" + ApiRoutes.Audit, (string auditId, AuditApi audits, IOrchestrationClient client, CancellationToken cancellationToken) =>
            audits.GetAsync(auditId, client, cancellationToken));
        api.MapPost("/" + ApiRoutes.RegionResult, (HttpRequest request, string auditId, string region, RegionResultCallback callback, IOrchestrationClient client, CancellationToken cancellationToken) =>
            callback.ReceiveAsync(request, auditId, region, client, cancellationToken));
        api.MapGet("/" + ApiRoutes.OpenApi, () => Results.Text(OpenApiDocument.Json, "application/json"));
        return api;
    }
}

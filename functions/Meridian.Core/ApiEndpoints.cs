using Meridian.Contract.Results;
using Meridian.Core.Audits.Api;
using Meridian.Core.Deliveries;
using Meridian.Core.Http;
using Meridian.Core.Monitors.Api;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.DurableTask.Client;

namespace Meridian.Core;

/// <summary>
/// The API on a Kestrel host (the local host): the same routes as the Functions app's triggers, each
/// a call into the same handler. The host registers an <see cref="DurableTaskClient"/> and the stores.
/// </summary>
public static class ApiEndpoints
{
    public static RouteGroupBuilder MapMeridianApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var api = endpoints.MapGroup("/" + ApiRoutes.Prefix);
        api.MapPost("/" + ApiRoutes.Audits, (HttpRequest request, AuditApi audits, DurableTaskClient client, CancellationToken cancellationToken) =>
            audits.StartAsync(request, client, cancellationToken));
        api.MapGet("/" + ApiRoutes.Audits, (HttpRequest request, AuditApi audits, CancellationToken cancellationToken) =>
            audits.ListAsync(request, cancellationToken));
        api.MapGet("/" + ApiRoutes.Audit, (string auditId, AuditApi audits, DurableTaskClient client, CancellationToken cancellationToken) =>
            audits.GetAsync(auditId, client, cancellationToken));
        api.MapPost("/" + ApiRoutes.RegionResult, (HttpRequest request, string auditId, string region, RegionResultCallback callback, DurableTaskClient client, CancellationToken cancellationToken) =>
            callback.ReceiveAsync(request, auditId, region, client, cancellationToken));
        api.MapGet("/" + ApiRoutes.OpenApi, () => Results.Text(OpenApiDocument.Json, "application/json"));
        MapMonitors(api);
        return api;
    }

    private static void MapMonitors(RouteGroupBuilder api)
    {
        api.MapPost("/" + ApiRoutes.Monitors, (HttpRequest request, MonitorApi monitors, CancellationToken cancellationToken) =>
            monitors.CreateAsync(request, cancellationToken));
        api.MapGet("/" + ApiRoutes.Monitors, (HttpRequest request, MonitorApi monitors, CancellationToken cancellationToken) =>
            monitors.ListAsync(request, cancellationToken));
        api.MapGet("/" + ApiRoutes.Monitor, (HttpRequest request, string monitorId, MonitorApi monitors, CancellationToken cancellationToken) =>
            monitors.GetAsync(request, monitorId, cancellationToken));
        api.MapPut("/" + ApiRoutes.Monitor, (HttpRequest request, string monitorId, MonitorApi monitors, CancellationToken cancellationToken) =>
            monitors.ReplaceAsync(request, monitorId, cancellationToken));
        api.MapDelete("/" + ApiRoutes.Monitor, (HttpRequest request, string monitorId, MonitorApi monitors, CancellationToken cancellationToken) =>
            monitors.DeleteAsync(request, monitorId, cancellationToken));
        api.MapGet("/" + ApiRoutes.MonitorHistory, (string monitorId, MonitorApi monitors, CancellationToken cancellationToken) =>
            monitors.HistoryAsync(monitorId, cancellationToken));
    }
}

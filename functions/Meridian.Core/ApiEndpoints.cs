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
/// The API on a Kestrel host (the local host): every operation of <see cref="ApiOperations"/>, each a
/// call into the same handler the Functions app's trigger calls. The host registers a
/// <see cref="DurableTaskClient"/> and the stores.
/// </summary>
public static class ApiEndpoints
{
    public static RouteGroupBuilder MapMeridianApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var api = endpoints.MapGroup("/" + ApiRoutes.Prefix);
        api.Map(ApiOperations.StartAudit, (HttpRequest request, AuditApi audits, DurableTaskClient client, CancellationToken cancellationToken) =>
            audits.StartAsync(request, client, cancellationToken));
        api.Map(ApiOperations.ListAudits, (HttpRequest request, AuditApi audits, CancellationToken cancellationToken) =>
            audits.ListAsync(request, cancellationToken));
        api.Map(ApiOperations.GetAudit, (string auditId, AuditApi audits, DurableTaskClient client, CancellationToken cancellationToken) =>
            audits.GetAsync(auditId, client, cancellationToken));
        api.Map(ApiOperations.ReceiveRegionResult, (HttpRequest request, string auditId, string region, RegionResultCallback callback, DurableTaskClient client, CancellationToken cancellationToken) =>
            callback.ReceiveAsync(request, auditId, region, client, cancellationToken));
        api.Map(ApiOperations.GetOpenApi, () => Results.Text(OpenApiDocument.Json, "application/json"));
        MapMonitors(api);
        return api;
    }

    private static void MapMonitors(RouteGroupBuilder api)
    {
        api.Map(ApiOperations.CreateMonitor, (HttpRequest request, MonitorApi monitors, CancellationToken cancellationToken) =>
            monitors.CreateAsync(request, cancellationToken));
        api.Map(ApiOperations.ListMonitors, (HttpRequest request, MonitorApi monitors, CancellationToken cancellationToken) =>
            monitors.ListAsync(request, cancellationToken));
        api.Map(ApiOperations.GetMonitor, (HttpRequest request, string monitorId, MonitorApi monitors, CancellationToken cancellationToken) =>
            monitors.GetAsync(request, monitorId, cancellationToken));
        api.Map(ApiOperations.ReplaceMonitor, (HttpRequest request, string monitorId, MonitorApi monitors, CancellationToken cancellationToken) =>
            monitors.ReplaceAsync(request, monitorId, cancellationToken));
        api.Map(ApiOperations.DeleteMonitor, (HttpRequest request, string monitorId, MonitorApi monitors, CancellationToken cancellationToken) =>
            monitors.DeleteAsync(request, monitorId, cancellationToken));
        api.Map(ApiOperations.GetMonitorHistory, (string monitorId, MonitorApi monitors, CancellationToken cancellationToken) =>
            monitors.HistoryAsync(monitorId, cancellationToken));
    }

    /// <summary>Maps one operation at its method and route, named as its Functions trigger is.</summary>
    private static void Map(this RouteGroupBuilder api, ApiOperation operation, Delegate handler) =>
        api.MapMethods("/" + operation.Route, [operation.Method], handler).WithName(operation.Name);
}

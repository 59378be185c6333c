using Meridian.Core.Http;
using Meridian.Core.Monitors.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Meridian.Functions;

/// <summary>
/// The monitor API (ASP.NET Core integration): each trigger is one call into Core's <see cref="MonitorApi"/>,
/// which the local host maps to the same routes. Every route needs a function key.
/// </summary>
public sealed class MonitorHttpFunctions(MonitorApi monitors)
{
    [Function(nameof(ApiOperations.CreateMonitor))]
    public Task<IResult> CreateMonitor(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = ApiRoutes.Monitors)] HttpRequest request) =>
        monitors.CreateAsync(request, request.HttpContext.RequestAborted);

    [Function(nameof(ApiOperations.ListMonitors))]
    public Task<IResult> ListMonitors(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = ApiRoutes.Monitors)] HttpRequest request) =>
        monitors.ListAsync(request, request.HttpContext.RequestAborted);

    [Function(nameof(ApiOperations.GetMonitor))]
    public Task<IResult> GetMonitor(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = ApiRoutes.Monitor)] HttpRequest request,
        string monitorId) =>
        monitors.GetAsync(request, monitorId, request.HttpContext.RequestAborted);

    [Function(nameof(ApiOperations.ReplaceMonitor))]
    public Task<IResult> ReplaceMonitor(
        [HttpTrigger(AuthorizationLevel.Function, "put", Route = ApiRoutes.Monitor)] HttpRequest request,
        string monitorId) =>
        monitors.ReplaceAsync(request, monitorId, request.HttpContext.RequestAborted);

    [Function(nameof(ApiOperations.DeleteMonitor))]
    public Task<IResult> DeleteMonitor(
        [HttpTrigger(AuthorizationLevel.Function, "delete", Route = ApiRoutes.Monitor)] HttpRequest request,
        string monitorId) =>
        monitors.DeleteAsync(request, monitorId, request.HttpContext.RequestAborted);

    [Function(nameof(ApiOperations.GetMonitorHistory))]
    public Task<IResult> GetMonitorHistory(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = ApiRoutes.MonitorHistory)] HttpRequest request,
        string monitorId) =>
        monitors.HistoryAsync(monitorId, request.HttpContext.RequestAborted);
}

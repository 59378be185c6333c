using Microsoft.AspNetCore.Http;

namespace Meridian.Core.Http;

/// <summary>One operation of the HTTP API: what the Functions trigger, the Kestrel endpoint and the OpenAPI document all describe.</summary>
/// <param name="Name">The Functions function's name and the endpoint's name; the OpenAPI operationId is the same in camelCase.</param>
/// <param name="Method">The HTTP method, upper case.</param>
/// <param name="Route">Relative to <see cref="ApiRoutes.Prefix"/>.</param>
/// <param name="Anonymous">True when no function key is needed: the signed callback (its HMAC is the authentication) and the public document.</param>
public sealed record ApiOperation(string Name, string Method, string Route, bool Anonymous = false)
{
    public string OperationId => char.ToLowerInvariant(Name[0]) + Name[1..];
}

/// <summary>
/// The route table, written once. The local host maps it (<c>MapMeridianApi</c>); the Functions
/// app's triggers take their names from it (<c>nameof</c>) and their routes from <see cref="ApiRoutes"/>,
/// and tests hold the built triggers and the OpenAPI document to this list.
/// </summary>
public static class ApiOperations
{
    public static ApiOperation StartAudit { get; } = new(nameof(StartAudit), HttpMethods.Post, ApiRoutes.Audits);

    public static ApiOperation ListAudits { get; } = new(nameof(ListAudits), HttpMethods.Get, ApiRoutes.Audits);

    public static ApiOperation GetAudit { get; } = new(nameof(GetAudit), HttpMethods.Get, ApiRoutes.Audit);

    public static ApiOperation ReceiveRegionResult { get; } = new(nameof(ReceiveRegionResult), HttpMethods.Post, ApiRoutes.RegionResult, Anonymous: true);

    public static ApiOperation CreateMonitor { get; } = new(nameof(CreateMonitor), HttpMethods.Post, ApiRoutes.Monitors);

    public static ApiOperation ListMonitors { get; } = new(nameof(ListMonitors), HttpMethods.Get, ApiRoutes.Monitors);

    public static ApiOperation GetMonitor { get; } = new(nameof(GetMonitor), HttpMethods.Get, ApiRoutes.Monitor);

    public static ApiOperation ReplaceMonitor { get; } = new(nameof(ReplaceMonitor), HttpMethods.Put, ApiRoutes.Monitor);

    public static ApiOperation DeleteMonitor { get; } = new(nameof(DeleteMonitor), HttpMethods.Delete, ApiRoutes.Monitor);

    public static ApiOperation GetMonitorHistory { get; } = new(nameof(GetMonitorHistory), HttpMethods.Get, ApiRoutes.MonitorHistory);

    public static ApiOperation GetOpenApi { get; } = new(nameof(GetOpenApi), HttpMethods.Get, ApiRoutes.OpenApi, Anonymous: true);

    public static IReadOnlyList<ApiOperation> All { get; } =
    [
        StartAudit, ListAudits, GetAudit, ReceiveRegionResult,
        CreateMonitor, ListMonitors, GetMonitor, ReplaceMonitor, DeleteMonitor, GetMonitorHistory,
        GetOpenApi,
    ];
}

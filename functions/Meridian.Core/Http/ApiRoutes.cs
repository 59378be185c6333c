using Meridian.Contract.Results;

namespace Meridian.Core.Http;

/// <summary>
/// The HTTP API's routes, relative to the <c>api</c> prefix (host.json's routePrefix; the local host
/// maps them under <c>/api</c> too). One place, so both hosts and the OpenAPI document agree.
/// </summary>
public static class ApiRoutes
{
    public const string Prefix = "api";
    public const string Audits = "audits";
    public const string Audit = "audits/{auditId}";
    public const string RegionResult = "audits/{auditId}/regions/{region}/result";
    public const string OpenApi = "openapi.json";
    public const string Monitors = "monitors";
    public const string Monitor = "monitors/{monitorId}";
    public const string MonitorHistory = "monitors/{monitorId}/history";

    /// <summary>The path a client polls for an audit, e.g. <c>/api/audits/0193…</c>.</summary>
    public static string AuditPath(string auditId) => $"/{Prefix}/{Audits}/{Uri.EscapeDataString(auditId)}";

    /// <summary>Where a monitor is read, replaced and deleted, e.g. <c>/api/monitors/mon-0193…</c>.</summary>
    public static string MonitorPath(string monitorId) => $"/{Prefix}/{Monitors}/{Uri.EscapeDataString(monitorId)}";
}

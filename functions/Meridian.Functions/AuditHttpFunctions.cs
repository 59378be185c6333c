using Meridian.Contract.Results;
using Meridian.Core.Audits.Api;
using Meridian.Core.Deliveries;
using Meridian.Core.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Meridian.Functions;

/// <summary>
/// The HTTP API (ASP.NET Core integration): each trigger is one call into Core's handler, which the
/// local host maps to the same routes. The user API needs a function key; the worker callback is
/// anonymous at this level because its HMAC signature is the authentication.
/// </summary>
public sealed class AuditHttpFunctions(AuditApi audits, RegionResultCallback callback)
{
    [Function(nameof(ApiOperations.StartAudit))]
    public Task<IResult> StartAudit(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = ApiRoutes.Audits)] HttpRequest request,
        [DurableClient] DurableTaskClient client) =>
        audits.StartAsync(request, client, request.HttpContext.RequestAborted);

    [Function(nameof(ApiOperations.ListAudits))]
    public Task<IResult> ListAudits(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = ApiRoutes.Audits)] HttpRequest request) =>
        audits.ListAsync(request, request.HttpContext.RequestAborted);

    [Function(nameof(ApiOperations.GetAudit))]
    public Task<IResult> GetAudit(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = ApiRoutes.Audit)] HttpRequest request,
        string auditId,
        [DurableClient] DurableTaskClient client) =>
        audits.GetAsync(auditId, client, request.HttpContext.RequestAborted);

    [Function(nameof(ApiOperations.ReceiveRegionResult))]
    public Task<IResult> ReceiveRegionResult(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.RegionResult)] HttpRequest request,
        string auditId,
        string region,
        [DurableClient] DurableTaskClient client) =>
        callback.ReceiveAsync(request, auditId, region, client, request.HttpContext.RequestAborted);

    [Function(nameof(ApiOperations.GetOpenApi))]
    public static IResult GetOpenApi(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.OpenApi)] HttpRequest request) =>
        Results.Text(OpenApiDocument.Json, "application/json");
}

using Meridian.Core.Audits.Api;
using Meridian.Core.Audits.Storage;
using Meridian.Core.Ids;
using Meridian.Core.Reports;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.DurableTask.Client;

namespace Meridian.Local.Hosting;

/// <summary><c>GET /reports/{auditId}</c>: an audit as one self-contained HTML page (live while it runs).</summary>
public static class ReportPages
{
    public static string PathFor(string auditId) => $"/reports/{auditId}";

    public static void MapReportPages(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/reports/{auditId}", async (string auditId, IAuditStore audits, DurableTaskClient client, CancellationToken cancellationToken) =>
        {
            var state = await LoadAsync(auditId, audits, client, cancellationToken);
            return state is null
                ? Results.Content(AuditReportPage.RenderNotFound(auditId), "text/html; charset=utf-8", statusCode: StatusCodes.Status404NotFound)
                : Results.Content(AuditReportPage.Render(state), "text/html; charset=utf-8");
        });

    /// <summary>The audit's state as the API shows it, or null when there is no such audit.</summary>
    public static async Task<AuditView?> LoadAsync(string auditId, IAuditStore audits, DurableTaskClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(audits);
        ArgumentNullException.ThrowIfNull(client);
        if (!AuditIds.IsWellFormed(auditId) || await audits.GetAsync(auditId, cancellationToken) is not { } document)
        {
            return null;
        }

        return AuditView.From(document, await client.GetInstanceAsync(auditId, getInputsAndOutputs: true, cancellationToken));
    }
}

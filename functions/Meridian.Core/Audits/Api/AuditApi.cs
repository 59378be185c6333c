using System.Globalization;
using Meridian.Contract.Jobs;
using Meridian.Core.Audits.Storage;
using Meridian.Core.Configuration;
using Meridian.Core.Http;
using Meridian.Core.Ids;
using Meridian.Core.Validation;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Meridian.Core.Audits.Api;

/// <summary>
/// The user-facing audit API: start an audit, follow it, list recent ones. Each method is one HTTP
/// endpoint, called by the Functions app's triggers and by the local host's routes alike; the
/// orchestration client comes per call because Functions binds it per invocation.
/// </summary>
public sealed class AuditApi(
    AuditRequestValidator validator,
    AuditStarter starter,
    IAuditStore audits,
    PageTokens pageTokens,
    TimeProvider time)
{
    /// <summary>The listing <see cref="PageTokens"/> binds this list's tokens to.</summary>
    public const string Listing = "audits";

    /// <summary>An audit request is a URL and a few fields; anything bigger is not one.</summary>
    public const int MaxRequestBytes = 16 * 1024;

    public const int DefaultPageSize = 25;
    public const int MaxPageSize = 100;
    public static readonly TimeSpan DefaultListWindow = TimeSpan.FromDays(7);

    /// <summary><c>POST /api/audits</c>: validates everything, records the audit, starts it; 202 with where to follow it.</summary>
    public async Task<IResult> StartAsync(HttpRequest request, DurableTaskClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(client);
        var (auditRequest, problem) = await ApiRequest.ReadJsonAsync<AuditRequest>(request, MaxRequestBytes, cancellationToken);
        if (auditRequest is null)
        {
            return problem!;
        }

        var validation = await validator.ValidateAsync(auditRequest, cancellationToken);
        if (!validation.IsValid)
        {
            return ApiProblems.Invalid(validation.Problems);
        }

        var spec = validation.Value;
        var auditId = AuditIds.New(time);
        var createdAt = time.GetUtcNow();
        if (await starter.StartAsync(spec, auditId, monitorId: null, client, cancellationToken) == AuditStartOutcome.Failed)
        {
            return ApiProblems.Unavailable("The audit could not be started; nothing was recorded. Try again.");
        }

        var statusUrl = AbsoluteUrl(request, ApiRoutes.AuditPath(auditId));
        return Results.Accepted(
            statusUrl.AbsoluteUri,
            new AuditAcceptedView(auditId, "running", statusUrl, spec.Url.AbsoluteUri, spec.Regions, spec.FormFactor, spec.Runs, createdAt + spec.Deadline));
    }

    /// <summary><c>GET /api/audits/{id}</c>: live per-region state while it runs, the report once it is done.</summary>
    public async Task<IResult> GetAsync(string auditId, DurableTaskClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        if (!AuditIds.IsWellFormed(auditId))
        {
            return ApiProblems.NotFound($"There is no audit '{auditId}'.");
        }

        var document = await audits.GetAsync(auditId, cancellationToken);
        if (document is null)
        {
            return ApiProblems.NotFound($"There is no audit '{auditId}'.");
        }

        var instance = await client.GetInstanceAsync(auditId, getInputsAndOutputs: true, cancellationToken);
        return Results.Ok(AuditView.From(document, instance));
    }

    /// <summary><c>GET /api/audits?since=&amp;url=&amp;pageSize=&amp;continuationToken=</c>: recent audits from storage, oldest first.</summary>
    public async Task<IResult> ListAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var query = request.Query;
        var problems = new List<ValidationProblem>();

        var since = time.GetUtcNow() - DefaultListWindow;
        if (query.TryGetValue("since", out var sinceText)
            && !DateTimeOffset.TryParse(sinceText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out since))
        {
            problems.Add(new("since", "'since' must be an ISO 8601 time such as 2026-11-23T00:00:00Z."));
        }

        string? url = null;
        if (query.TryGetValue("url", out var urlText))
        {
            if (Uri.TryCreate(urlText, UriKind.Absolute, out var parsed) && parsed.Scheme is "http" or "https")
            {
                url = parsed.AbsoluteUri;
            }
            else
            {
                problems.Add(new("url", "'url' must be an absolute http(s) URL."));
            }
        }

        var pageSize = ApiRequest.PageSize(query, DefaultPageSize, MaxPageSize, problems);

        string? position = null;
        var token = query["continuationToken"].FirstOrDefault();
        if (!string.IsNullOrEmpty(token) && !pageTokens.TryOpen(Listing, token, out position))
        {
            problems.Add(new("continuationToken", PageTokens.Problem));
        }

        if (problems.Count > 0)
        {
            return ApiProblems.Invalid(problems);
        }

        try
        {
            var page = await audits.ListAsync(new AuditListQuery(since, url, position, pageSize), cancellationToken);
            return Results.Ok(page with { ContinuationToken = pageTokens.Seal(Listing, page.ContinuationToken) });
        }
        catch (ArgumentException e)
        {
            // A continuation token the store cannot read: tampered with, or from another query.
            return ApiProblems.Invalid([new ValidationProblem("continuationToken", e.Message)]);
        }
    }

    private static Uri AbsoluteUrl(HttpRequest request, string path) => new($"{request.Scheme}://{request.Host}{path}");
}

using Meridian.Core.Configuration;
using Meridian.Core.Http;
using Meridian.Core.Ids;
using Meridian.Core.Monitors.Storage;
using Meridian.Core.Validation;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Meridian.Core.Monitors.Api;

/// <summary>
/// The monitor API: create, list, read, replace, delete, and read the history. Each method is one
/// HTTP endpoint, called by the Functions app's triggers and the local host's routes alike. Nothing is
/// written before every check has passed; replacing needs If-Match with the revision's ETag (428
/// without, 412 when stale), and deleting honours it when sent.
/// </summary>
public sealed partial class MonitorApi(
    MonitorRequestValidator validator,
    IMonitorStore monitors,
    PageTokens pageTokens,
    IOptions<MeridianOptions> options,
    TimeProvider time,
    ILogger<MonitorApi> logger)
{
    /// <summary>A monitor is a URL, a schedule and a few limits; anything bigger is not one.</summary>
    public const int MaxRequestBytes = 16 * 1024;

    public const int DefaultPageSize = 25;
    public const int MaxPageSize = 100;

    /// <summary>The listing <see cref="PageTokens"/> binds this list's tokens to.</summary>
    public const string Listing = "monitors";

    /// <summary><c>POST /api/monitors</c>: 201 with the monitor, its ETag and where it lives.</summary>
    public async Task<IResult> CreateAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (definition, problem) = await ReadDefinitionAsync(request, cancellationToken);
        if (definition is null)
        {
            return problem!;
        }

        var monitorId = MonitorIds.New(time);
        var monitor = MonitorDocuments.New(monitorId, definition, time.GetUtcNow());
        if (!await monitors.CreateAsync(monitor, cancellationToken))
        {
            // Ids are UUIDv7: a clash means something other than this API wrote the id.
            return ApiProblems.Conflict($"A monitor with id '{monitorId}' exists already; send the request again.");
        }

        LogCreated(logger, monitorId, definition.Url.AbsoluteUri);
        var location = new Uri($"{request.Scheme}://{request.Host}{ApiRoutes.MonitorPath(monitorId)}");
        return Results.Created(location, Show(request, monitor));
    }

    /// <summary><c>GET /api/monitors?pageSize=&amp;continuationToken=</c>: monitors in id (creation) order.</summary>
    public async Task<IResult> ListAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var problems = new List<ValidationProblem>();
        var pageSize = ApiRequest.PageSize(request.Query, DefaultPageSize, MaxPageSize, problems);
        string? position = null;
        var token = request.Query["continuationToken"].FirstOrDefault();
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
            var page = await monitors.ListAsync(position, pageSize, cancellationToken);
            return Results.Ok(new MonitorViewPage(
                [.. page.Items.Select(monitor => MonitorView.From(monitor, masterKey: null))],
                pageTokens.Seal(Listing, page.ContinuationToken)));
        }
        catch (ArgumentException e)
        {
            return ApiProblems.Invalid([new ValidationProblem("continuationToken", e.Message)]);
        }
    }

    /// <summary><c>GET /api/monitors/{id}</c>: the monitor, with its ETag.</summary>
    public async Task<IResult> GetAsync(HttpRequest request, string monitorId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var monitor = await monitors.GetAsync(monitorId, cancellationToken);
        return monitor is null ? NotFound(monitorId) : Results.Ok(Show(request, monitor));
    }

    /// <summary><c>PUT /api/monitors/{id}</c> with If-Match: replaces the definition; 200 with the new revision.</summary>
    public async Task<IResult> ReplaceAsync(HttpRequest request, string monitorId, CancellationToken cancellationToken)
    {
        if (Target(request, monitorId, out var condition) is { } refused)
        {
            return refused;
        }

        if (condition is null)
        {
            return ApiProblems.PreconditionRequired($"Send If-Match with the ETag of the monitor you read (GET {ApiRoutes.MonitorPath(monitorId)}), so a change made since is not overwritten.");
        }

        var (definition, problem) = await ReadDefinitionAsync(request, cancellationToken);
        if (definition is null)
        {
            return problem!;
        }

        var now = time.GetUtcNow();
        var matched = false;
        MonitorDocument? stored;
        try
        {
            stored = await monitors.UpdateAsync(
                monitorId,
                current =>
                {
                    // Checked on every attempt: the store re-applies this when another writer got in between.
                    matched = condition.IsMetBy(current.Revision);
                    return matched ? MonitorDocuments.Replace(current, definition, now) : null;
                },
                cancellationToken);
        }
        catch (InvalidOperationException)
        {
            return Busy();
        }

        if (stored is null)
        {
            return NotFound(monitorId);
        }

        return matched ? Results.Ok(Show(request, stored)) : Stale(stored.Revision);
    }

    /// <summary><c>DELETE /api/monitors/{id}</c>: 204; with If-Match, only if it still holds.</summary>
    public async Task<IResult> DeleteAsync(HttpRequest request, string monitorId, CancellationToken cancellationToken)
    {
        if (Target(request, monitorId, out var condition) is { } refused)
        {
            return refused;
        }

        MonitorDeletion outcome;
        try
        {
            outcome = condition is null
                ? await monitors.DeleteAsync(monitorId, cancellationToken) ? MonitorDeletion.Deleted : MonitorDeletion.NotFound
                : await monitors.DeleteIfAsync(monitorId, monitor => condition.IsMetBy(monitor.Revision), cancellationToken);
        }
        catch (InvalidOperationException)
        {
            return Busy();
        }

        if (outcome == MonitorDeletion.Deleted)
        {
            LogDeleted(logger, monitorId);
        }

        return outcome switch
        {
            MonitorDeletion.Deleted => Results.NoContent(),
            MonitorDeletion.NotFound => NotFound(monitorId),
            _ => ApiProblems.PreconditionFailed("The monitor has changed since you read it; read it again and decide."),
        };
    }

    /// <summary><c>GET /api/monitors/{id}/history</c>: recent audits, the alert state and recent alert deliveries.</summary>
    public async Task<IResult> HistoryAsync(string monitorId, CancellationToken cancellationToken)
    {
        var monitor = await monitors.GetAsync(monitorId, cancellationToken);
        return monitor is null ? NotFound(monitorId) : Results.Ok(MonitorHistoryView.From(monitor));
    }

    /// <summary>The answer when the id cannot be a monitor (404) or If-Match is not valid (400); null otherwise, with the condition if sent.</summary>
    private static IResult? Target(HttpRequest request, string monitorId, out RevisionETag? condition)
    {
        ArgumentNullException.ThrowIfNull(request);
        condition = null;
        if (!MonitorIds.IsWellFormed(monitorId))
        {
            return NotFound(monitorId);
        }

        return RevisionETag.TryReadIfMatch(request, out condition) ? null : ApiProblems.BadRequest(RevisionETag.Syntax);
    }

    private async Task<(MonitorDefinition? Definition, IResult? Problem)> ReadDefinitionAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var (body, problem) = await ApiRequest.ReadJsonAsync<MonitorRequest>(request, MaxRequestBytes, cancellationToken);
        if (body is null)
        {
            return (null, problem);
        }

        var validation = await validator.ValidateAsync(body, cancellationToken);
        return validation.IsValid ? (validation.Value, null) : (null, ApiProblems.Invalid(validation.Problems));
    }

    /// <summary>The monitor with its webhook secret, its ETag, and a word to caches not to keep the secret.</summary>
    private MonitorView Show(HttpRequest request, MonitorDocument monitor)
    {
        var headers = request.HttpContext.Response.Headers;
        headers.ETag = RevisionETag.Format(monitor.Revision);
        headers.CacheControl = "no-store";
        return MonitorView.From(monitor, options.Value.CallbackMasterKey());
    }

    private static IResult NotFound(string monitorId) => ApiProblems.NotFound($"There is no monitor '{monitorId}'.");

    private static IResult Stale(int revision) =>
        ApiProblems.PreconditionFailed($"The monitor is at revision {revision} (ETag {RevisionETag.Format(revision)}); read it again, then send your change with that ETag.");

    private static IResult Busy() => ApiProblems.Unavailable("The monitor kept changing while this request tried to apply; nothing was changed. Try again.");

    [LoggerMessage(Level = LogLevel.Information, Message = "Monitor {MonitorId} created for {Url}")]
    private static partial void LogCreated(ILogger logger, string monitorId, string url);

    [LoggerMessage(Level = LogLevel.Information, Message = "Monitor {MonitorId} deleted")]
    private static partial void LogDeleted(ILogger logger, string monitorId);
}

using System.Text.RegularExpressions;
using Meridian.Contract.Delivery;
using Meridian.Contract.Results;
using Meridian.Core.Audits.Orchestration;
using Meridian.Core.Audits.Storage;
using Meridian.Core.Configuration;
using Meridian.Core.Http;
using Meridian.Core.Ids;
using Meridian.Core.Regions;
using Meridian.Core.Validation;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Meridian.Core.Deliveries;

/// <summary>
/// <c>POST /api/audits/{id}/regions/{region}/result</c>, the worker's callback. Anonymous at the HTTP
/// level; the signature is the authentication. Checks, in order: size (413), signature with the key
/// of this audit and region and a fresh timestamp (401), the audit and region exist (404), the body is
/// a result for them (400). Then the result is stored before the event is raised, so a result is
/// never lost even if the orchestration is gone; a repeated delivery is accepted and changes nothing.
/// </summary>
public sealed partial class RegionResultCallback(
    IAuditStore audits,
    IDeliveryStore results,
    IOptions<MeridianOptions> options,
    TimeProvider time,
    ILogger<RegionResultCallback> logger)
{
    /// <summary>A worker's summary is well under 16 KB; the limit leaves room without inviting abuse.</summary>
    public const int MaxBodyBytes = 64 * 1024;

    public const int MaxReasonLength = 2000;

    public async Task<IResult> ReceiveAsync(HttpRequest request, string auditId, string region, DurableTaskClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(client);
        var (body, bodyProblem) = await RequestBody.ReadAsync(request, MaxBodyBytes, cancellationToken);
        if (body is null)
        {
            return bodyProblem!;
        }

        var key = CallbackSigningKey.Derive(options.Value.CallbackMasterKey(), auditId, region);
        var timestamp = request.Headers[CallbackSignature.TimestampHeader].FirstOrDefault();
        var signature = request.Headers[CallbackSignature.SignatureHeader].FirstOrDefault();
        var verdict = CallbackSignature.Verify(key, timestamp, signature, body, time.GetUtcNow(), CallbackSignature.DefaultTolerance);
        if (verdict != SignatureVerdict.Valid)
        {
            LogRejected(logger, LogValue.Of(auditId), LogValue.Of(region), verdict);
            return ApiProblems.Unauthorized(Explain(verdict));
        }

        var regions = AuditIds.IsWellFormed(auditId) ? await audits.GetRegionsAsync(auditId, cancellationToken) : null;
        if (regions is null || !regions.Contains(region))
        {
            return ApiProblems.NotFound($"Audit '{auditId}' has no region '{region}'.");
        }

        var (result, problem) = JsonBody.Read<RegionResult>(body);
        var problems = problem is not null ? [problem] : Check(result!, auditId, region);
        if (problems.Count > 0)
        {
            return ApiProblems.Invalid(problems);
        }

        var stored = await results.StoreAsync(auditId, region, result!.ResultId, body, new SignedHeaders(timestamp!, signature!), cancellationToken);
        if (stored == DeliveryStoreOutcome.Conflict)
        {
            return ApiProblems.Conflict($"Region '{region}' of audit '{auditId}' already has a different result; the first one is kept.");
        }

        // Raised again for a duplicate too: the first delivery may have been stored and then lost its event.
        // The orchestration takes one result per region, and Durable drops events for finished instances.
        await client.RaiseEventAsync(auditId, AuditOrchestration.RegionResultEventName(region), result, cancellationToken);
        LogReceived(logger, auditId, region, result.Succeeded, stored);

        var answer = new ResultReceived(auditId, region, result.ResultId, stored == DeliveryStoreOutcome.Duplicate);
        return stored == DeliveryStoreOutcome.Duplicate ? Results.Ok(answer) : Results.Accepted(value: answer);
    }

    private static List<ValidationProblem> Check(RegionResult result, string auditId, string region)
    {
        var problems = new List<ValidationProblem>();
        if (string.IsNullOrEmpty(result.ResultId) || !ResultIdPattern().IsMatch(result.ResultId))
        {
            problems.Add(new("resultId", "'resultId' must be 1–64 letters, digits, '-' or '_'."));
        }

        if (result.AuditId != auditId)
        {
            problems.Add(new("auditId", "'auditId' must be the audit in the URL."));
        }

        if (result.Region != region)
        {
            problems.Add(new("region", "'region' must be the region in the URL."));
        }

        if (result.Succeeded && result.Summary is null)
        {
            problems.Add(new("summary", "A successful result needs its 'summary'."));
        }

        if (!result.Succeeded && string.IsNullOrWhiteSpace(result.FailureReason))
        {
            problems.Add(new("failureReason", "A failed result needs its 'failureReason'."));
        }

        if (result.FailureReason?.Length > MaxReasonLength)
        {
            problems.Add(new("failureReason", $"'failureReason' must be at most {MaxReasonLength} characters."));
        }

        if (result.Summary is { } summary)
        {
            problems.AddRange(SummaryChecks.Check(summary));
        }

        return problems;
    }

    private static string Explain(SignatureVerdict verdict) => verdict switch
    {
        SignatureVerdict.Missing => $"The {CallbackSignature.TimestampHeader} and {CallbackSignature.SignatureHeader} headers are required.",
        SignatureVerdict.Malformed => $"{CallbackSignature.SignatureHeader} must be v1=<64 hex digits> and {CallbackSignature.TimestampHeader} Unix seconds.",
        SignatureVerdict.Stale => "The signature's timestamp is too old or in the future; sign again with the current time.",
        _ => "The signature does not match this audit, region and body.",
    };

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex ResultIdPattern();

    // The ids come straight from the URL and are not checked yet: written escaped and cut (LogValue).
    [LoggerMessage(Level = LogLevel.Warning, Message = "Callback for audit {AuditId} region {Region} refused: signature {Verdict}")]
    private static partial void LogRejected(ILogger logger, string auditId, string region, SignatureVerdict verdict);

    [LoggerMessage(Level = LogLevel.Information, Message = "Callback for audit {AuditId} region {Region}: succeeded={Succeeded}, {Outcome}")]
    private static partial void LogReceived(ILogger logger, string auditId, string region, bool succeeded, DeliveryStoreOutcome outcome);
}

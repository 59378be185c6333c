using System.Globalization;
using Meridian.Contract.Delivery;

namespace Meridian.Contract.Jobs;

/// <summary>
/// The environment variables a worker reads its job from; the machine's <c>config.env</c>.
/// The worker's own reader uses the same names.
/// </summary>
public static class WorkerEnvironment
{
    public const string AuditId = "MERIDIAN_AUDIT_ID";
    public const string Region = "MERIDIAN_REGION";
    public const string TargetUrl = "MERIDIAN_TARGET_URL";
    public const string FormFactor = "MERIDIAN_FORM_FACTOR";
    public const string Runs = "MERIDIAN_RUNS";
    public const string CallbackUrl = "MERIDIAN_CALLBACK_URL";

    /// <summary>This region's signing key, base64url. Secret.</summary>
    public const string CallbackKey = "MERIDIAN_CALLBACK_KEY";

    /// <summary>Write-only SAS URL of the report blob. Secret.</summary>
    public const string ReportUploadUrl = "MERIDIAN_REPORT_UPLOAD_URL";

    /// <summary>Write-only SAS URL of the fallback result blob. Secret.</summary>
    public const string FallbackUploadUrl = "MERIDIAN_FALLBACK_UPLOAD_URL";

    /// <summary>RFC 3339, UTC: when the orchestration stops waiting.</summary>
    public const string Deadline = "MERIDIAN_DEADLINE";

    public static IReadOnlyDictionary<string, string> For(WorkerJob job) => new Dictionary<string, string>
    {
        [AuditId] = job.AuditId,
        [Region] = job.Region,
        [TargetUrl] = job.TargetUrl.AbsoluteUri,
        [FormFactor] = job.FormFactor.ToString().ToLowerInvariant(),
        [Runs] = job.Runs.ToString(CultureInfo.InvariantCulture),
        [CallbackUrl] = job.CallbackUrl.AbsoluteUri,
        [CallbackKey] = job.CallbackSigningKey,
        [ReportUploadUrl] = job.Uploads.Report.AbsoluteUri,
        [FallbackUploadUrl] = job.Uploads.Fallback.AbsoluteUri,
        [Deadline] = job.Deadline.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
    };
}

using System.Globalization;

namespace Meridian.Core.Activities;

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
        [Deadline] = job.Deadline.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
    };
}

using Meridian.Contract.Delivery;

namespace Meridian.Contract.Jobs;

/// <summary>Everything a region's worker needs to audit the page and report back; becomes the machine's environment.</summary>
/// <param name="CallbackUrl">Where the worker POSTs its signed result.</param>
/// <param name="CallbackSigningKey">This region's key (see <see cref="Delivery.CallbackSigningKey"/>), as text. Secret.</param>
/// <param name="Uploads">Write-only URLs for the full report and the fallback result. Secret.</param>
/// <param name="Deadline">After this the orchestration stops waiting; the worker gives up delivering by then.</param>
public sealed record WorkerJob(
    string AuditId,
    string Region,
    Uri TargetUrl,
    FormFactor FormFactor,
    int Runs,
    Uri CallbackUrl,
    string CallbackSigningKey,
    WorkerUploadUrls Uploads,
    DateTimeOffset Deadline)
{
    /// <summary>Lighthouse runs a job may ask for; the worker refuses a job outside them.</summary>
    public const int MinRuns = 1;

    public const int MaxRuns = 9;

    /// <summary>Leaves out the key and the upload URLs, so logging a job never leaks them.</summary>
    public override string ToString() =>
        $"WorkerJob {{ AuditId = {AuditId}, Region = {Region}, TargetUrl = {TargetUrl}, FormFactor = {FormFactor}, Runs = {Runs}, CallbackUrl = {CallbackUrl}, Deadline = {Deadline:O} }}";
}

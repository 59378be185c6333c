using Meridian.Core.Audits;

namespace Meridian.Core.Activities;

/// <summary>Everything a region's worker needs to audit the page and report back; becomes the machine's environment.</summary>
/// <param name="CallbackUrl">Where the worker POSTs its signed result.</param>
/// <param name="Deadline">After this the orchestration stops waiting; the worker gives up delivering by then.</param>
public sealed record WorkerJob(
    string AuditId,
    string Region,
    Uri TargetUrl,
    FormFactor FormFactor,
    int Runs,
    Uri CallbackUrl,
    DateTimeOffset Deadline);

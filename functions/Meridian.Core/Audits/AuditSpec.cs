using Meridian.Contract.Jobs;

namespace Meridian.Core.Audits;

/// <summary>A validated audit: what the orchestration runs. Built only by <see cref="AuditRequestValidator"/>.</summary>
/// <param name="Url">Absolute http(s) URL whose host passed the target guard.</param>
/// <param name="Regions">Distinct, known, lower-case region codes in the order requested.</param>
public sealed record AuditSpec(
    Uri Url,
    IReadOnlyList<string> Regions,
    FormFactor FormFactor,
    int Runs,
    TimeSpan Deadline)
{
    public const int DefaultRuns = 3;
    public static readonly TimeSpan DefaultDeadline = TimeSpan.FromMinutes(10);
    public static readonly TimeSpan MinDeadline = TimeSpan.FromMinutes(2);
    public static readonly TimeSpan MaxDeadline = TimeSpan.FromMinutes(30);
}

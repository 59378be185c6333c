using Meridian.Contract.Jobs;

namespace Meridian.Worker.Lighthouse;

/// <summary>Runs Lighthouse once.</summary>
public interface ILighthouseRunner
{
    /// <summary>
    /// One run of the performance category against <paramref name="target"/>, writing the report to
    /// <paramref name="reportPath"/>. Never throws for a failed run: the attempt says what went wrong.
    /// Killed, with every Chrome process it started, at <paramref name="timeout"/> or on cancellation.
    /// </summary>
    Task<LighthouseAttempt> RunAsync(Uri target, FormFactor formFactor, string reportPath, TimeSpan timeout, CancellationToken cancellationToken);
}

/// <summary>The outcome of one Lighthouse run.</summary>
/// <param name="Report">The parsed report, when Lighthouse wrote one (also on a runtime error).</param>
/// <param name="FailureCode">A short code: Lighthouse's runtime error code, <c>TIMEOUT</c>, <c>EXITED</c>, <c>NO_SCORE</c>…</param>
public sealed record LighthouseAttempt(LighthouseReport? Report, string? FailureCode, string? Failure, TimeSpan Elapsed)
{
    public bool Succeeded => FailureCode is null && Report is not null;

    public static LighthouseAttempt Success(LighthouseReport report, TimeSpan elapsed) => new(report, null, null, elapsed);

    public static LighthouseAttempt Failed(string code, string failure, TimeSpan elapsed, LighthouseReport? report = null) =>
        new(report, code, failure, elapsed);
}

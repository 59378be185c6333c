using System.Globalization;
using Meridian.Contract.Jobs;
using Microsoft.Extensions.Logging;

namespace Meridian.Worker.Lighthouse;

/// <summary>
/// Runs Lighthouse N times, one run at a time (two at once on one machine skew each other's numbers).
/// A failed run is retried once. The series stops early when the same error comes back on a run and
/// its retry (the page fails reliably, say DNS or a 404), when success can no longer be reached, or
/// when the measuring time is up.
/// </summary>
public sealed partial class RunSeries(ILighthouseRunner runner, TimeProvider time, ILogger<RunSeries> logger)
{
    /// <summary>Below this, a run is not even started: no page loads, settles and is traced faster.</summary>
    public static readonly TimeSpan MinimumRunTime = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Successful runs a result needs: a majority of those asked for, so the median is still a median
    /// of most of what the user asked for (1 of 1, 1 of 2, 2 of 3, 3 of 5…).
    /// </summary>
    public static int RequiredSuccesses(int runs) => (runs + 1) / 2;

    public async Task<SeriesOutcome> RunAsync(
        Uri target,
        FormFactor formFactor,
        int runs,
        TimeSpan runTimeout,
        DateTimeOffset measureUntil,
        string workDirectory,
        CancellationToken cancellationToken)
    {
        var completed = new List<CompletedRun>();
        var failures = new List<string>();
        var required = RequiredSuccesses(runs);
        string? stopped = null;

        for (var number = 1; number <= runs && stopped is null; number++)
        {
            LighthouseAttempt? previous = null;
            for (var attempt = 1; attempt <= 2; attempt++)
            {
                var left = measureUntil - time.GetUtcNow();
                if (cancellationToken.IsCancellationRequested)
                {
                    stopped = "the worker was asked to stop";
                    break;
                }

                if (left < MinimumRunTime)
                {
                    stopped = "the deadline left no time for more runs";
                    break;
                }

                var label = attempt == 1 ? $"{number}/{runs}" : $"{number}/{runs} (retry)";
                LogRunStarted(logger, label);
                var path = Path.Combine(workDirectory, string.Create(CultureInfo.InvariantCulture, $"run-{number}-{attempt}.json"));
                var result = await runner.RunAsync(target, formFactor, path, left < runTimeout ? left : runTimeout, cancellationToken);

                if (result.Succeeded)
                {
                    completed.Add(new CompletedRun(number, result.Report!, path));
                    var numbers = Describe(result.Report!);
                    LogRunDone(logger, label, result.Elapsed.TotalSeconds, numbers);
                    break;
                }

                failures.Add($"run {number}{(attempt == 2 ? " retry" : string.Empty)}: {result.FailureCode}: {result.Failure}");
                LogRunFailed(logger, label, result.Elapsed.TotalSeconds, result.FailureCode!, result.Failure!);
                if (attempt == 2 && previous?.FailureCode == result.FailureCode)
                {
                    stopped = $"the page failed the same way twice ({result.FailureCode})";
                }

                previous = result;
            }

            var possible = completed.Count + (runs - number);
            if (stopped is null && possible < required)
            {
                stopped = $"{required} successful runs are no longer possible";
            }
        }

        return new SeriesOutcome(completed, failures, required, stopped);
    }

    private static string Describe(LighthouseReport report) => string.Create(
        CultureInfo.InvariantCulture,
        $"score {report.PerformanceScore:0.00}, FCP {report.Metrics.FirstContentfulPaintMs:0} ms, LCP {report.Metrics.LargestContentfulPaintMs:0} ms, TBT {report.Metrics.TotalBlockingTimeMs:0} ms, CLS {report.Metrics.CumulativeLayoutShift:0.000}");

    [LoggerMessage(Level = LogLevel.Information, Message = "Lighthouse run {Run}: started")]
    private static partial void LogRunStarted(ILogger logger, string run);

    [LoggerMessage(Level = LogLevel.Information, Message = "Lighthouse run {Run}: done in {Seconds:0.0} s: {Numbers}")]
    private static partial void LogRunDone(ILogger logger, string run, double seconds, string numbers);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Lighthouse run {Run}: failed after {Seconds:0.0} s: {Code}: {Failure}")]
    private static partial void LogRunFailed(ILogger logger, string run, double seconds, string code, string failure);
}

/// <summary>A run that produced a usable report, kept on disk at <paramref name="ReportPath"/>.</summary>
public sealed record CompletedRun(int Number, LighthouseReport Report, string ReportPath);

/// <summary>What a series produced.</summary>
/// <param name="Failures">One line per failed attempt, in order.</param>
/// <param name="StoppedEarly">Why the series ended before all runs were made, if it did.</param>
public sealed record SeriesOutcome(IReadOnlyList<CompletedRun> Completed, IReadOnlyList<string> Failures, int RequiredSuccesses, string? StoppedEarly)
{
    public bool Enough => Completed.Count >= RequiredSuccesses;
}

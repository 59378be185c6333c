using System.Globalization;
using Meridian.Contract.Results;
using Meridian.Worker.Lighthouse;

namespace Meridian.Worker;

/// <summary>Turns what the worker measured into the <see cref="RegionResult"/> it delivers.</summary>
public static class RegionResultBuilder
{
    /// <summary>A failure reason stays short: it travels in a durable event and lands in a CSV cell.</summary>
    public const int MaxReasonLength = 1000;

    public static RegionResult Succeeded(WorkerSettings settings, string resultId, SeriesOutcome series, CompletedRun median, string? reportBlobName, DateTimeOffset finishedAt)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(series);
        ArgumentNullException.ThrowIfNull(median);
        var report = median.Report;
        var scores = series.Completed.Select(run => run.Report.PerformanceScore).OfType<double>().ToList();
        var summary = new RegionResultSummary(
            report.PerformanceScore,
            report.Metrics.FirstContentfulPaintMs,
            report.Metrics.LargestContentfulPaintMs,
            report.Metrics.TotalBlockingTimeMs,
            report.Metrics.CumulativeLayoutShift,
            report.Metrics.SpeedIndexMs,
            report.Metrics.TimeToInteractiveMs,
            report.Metrics.TimeToFirstByteMs,
            report.LighthouseVersion,
            report.BenchmarkIndex,
            series.Completed.Count,
            scores.Count > 0 ? scores.Min() : null,
            scores.Count > 0 ? scores.Max() : null,
            reportBlobName);
        return new RegionResult(resultId, settings.AuditId, settings.Region, true, null, summary, finishedAt);
    }

    public static RegionResult Failed(WorkerSettings settings, string resultId, string reason, DateTimeOffset finishedAt)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(reason);
        var cut = MaxReasonLength - 1;
        if (reason.Length > MaxReasonLength && char.IsHighSurrogate(reason[cut - 1]))
        {
            // Never split a character made of two UTF-16 units (an emoji in a page's error text).
            cut--;
        }

        var shortened = reason.Length <= MaxReasonLength ? reason : string.Concat(reason.AsSpan(0, cut), "…");
        return new RegionResult(resultId, settings.AuditId, settings.Region, false, shortened, null, finishedAt);
    }

    /// <summary>Why a series did not produce a result: how many runs succeeded, why it stopped, each failure.</summary>
    public static string NotEnoughRuns(int runsAsked, SeriesOutcome series)
    {
        ArgumentNullException.ThrowIfNull(series);
        var reason = string.Create(
            CultureInfo.InvariantCulture,
            $"{series.Completed.Count} of {runsAsked} Lighthouse run(s) succeeded; {series.RequiredSuccesses} needed.");
        if (series.StoppedEarly is { } stopped)
        {
            reason += $" Stopped early: {stopped}.";
        }

        return series.Failures.Count > 0 ? $"{reason} {string.Join("; ", series.Failures)}" : reason;
    }
}

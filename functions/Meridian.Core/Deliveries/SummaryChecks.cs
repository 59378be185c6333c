using Meridian.Contract.Jobs;
using Meridian.Contract.Results;
using Meridian.Core.Validation;

namespace Meridian.Core.Deliveries;

/// <summary>Plausibility of a worker's numbers: a signed result can still carry a bug's nonsense, and these land in Power BI.</summary>
public static class SummaryChecks
{
    /// <summary>One hour: no page-load metric is longer, and Lighthouse gives up long before.</summary>
    private const double MaxMilliseconds = 3_600_000;

    public static IReadOnlyList<ValidationProblem> Check(RegionResultSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var problems = new List<ValidationProblem>();
        void Range(string field, double? value, double max)
        {
            if (value is { } v && (!double.IsFinite(v) || v < 0 || v > max))
            {
                problems.Add(new($"summary.{field}", $"'summary.{field}' must be between 0 and {max}."));
            }
        }

        Range("performanceScore", summary.PerformanceScore, 1);
        Range("scoreMin", summary.ScoreMin, 1);
        Range("scoreMax", summary.ScoreMax, 1);
        Range("firstContentfulPaintMs", summary.FirstContentfulPaintMs, MaxMilliseconds);
        Range("largestContentfulPaintMs", summary.LargestContentfulPaintMs, MaxMilliseconds);
        Range("totalBlockingTimeMs", summary.TotalBlockingTimeMs, MaxMilliseconds);
        Range("speedIndexMs", summary.SpeedIndexMs, MaxMilliseconds);
        Range("timeToInteractiveMs", summary.TimeToInteractiveMs, MaxMilliseconds);
        Range("timeToFirstByteMs", summary.TimeToFirstByteMs, MaxMilliseconds);
        Range("cumulativeLayoutShift", summary.CumulativeLayoutShift, 100);
        Range("benchmarkIndex", summary.BenchmarkIndex, 1_000_000);
        if (summary.RunsCompleted is < 1 or > WorkerJob.MaxRuns)
        {
            problems.Add(new("summary.runsCompleted", $"'summary.runsCompleted' must be from 1 to {WorkerJob.MaxRuns}."));
        }

        if (string.IsNullOrWhiteSpace(summary.LighthouseVersion) || summary.LighthouseVersion.Length > 32)
        {
            problems.Add(new("summary.lighthouseVersion", "'summary.lighthouseVersion' must be 1–32 characters."));
        }

        if (summary.ReportBlobName?.Length > 256)
        {
            problems.Add(new("summary.reportBlobName", "'summary.reportBlobName' must be at most 256 characters."));
        }

        return problems;
    }
}

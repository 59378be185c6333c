using Meridian.Contract.Results;
using Meridian.Core.Regions;
using Meridian.Testing.Audits;
using Meridian.Worker.Delivery;
using Meridian.Worker.Lighthouse;

namespace Meridian.Worker.Tests.Unit;

public class RegionResultsTests
{
    private static readonly DateTimeOffset FinishedAt = new(2026, 11, 23, 12, 6, 30, TimeSpan.Zero);

    private static readonly WorkerSettings Settings = TestEnvironment.ForJob(TestWorkerJobs.Create(auditId: "audit-7", region: "syd", runs: 3)).Read();

    /// <summary>A report whose every metric derives from <paramref name="fcp"/>, so each run's numbers differ.</summary>
    private static LighthouseReport Report(double? score, double fcp) => Lhr.Run(fcp, fcp * 3)
        .Metric(Lhr.LargestContentfulPaint, fcp * 2)
        .Metric(Lhr.TotalBlockingTime, fcp / 10)
        .Metric(Lhr.CumulativeLayoutShift, fcp / 10000)
        .Metric(Lhr.SpeedIndex, fcp * 1.5)
        .Metric(Lhr.ServerResponseTime, fcp / 20)
        .Score(score)
        .BenchmarkIndex(fcp + 500)
        .Version("12.8.2")
        .Parse();

    private static SeriesOutcome Series(params LighthouseReport[] reports) => new(
        [.. reports.Select((report, index) => new CompletedRun(index + 1, report, $"/tmp/run-{index + 1}-1.json"))],
        [],
        RunSeries.RequiredSuccesses(reports.Length),
        null);

    private static SeriesOutcome Stopped(int completed, int required, string? stoppedEarly, params string[] failures) => new(
        [.. Enumerable.Range(1, completed).Select(number => new CompletedRun(number, Report(0.8, 1000), $"/tmp/run-{number}-1.json"))],
        failures,
        required,
        stoppedEarly);

    private static RegionResult Succeeded(SeriesOutcome series, int median = 0, string? reportBlobName = "audit-7/syd.json.gz") =>
        RegionResultBuilder.Succeeded(Settings, "result-1", series, series.Completed[median], reportBlobName, FinishedAt);

    [Fact]
    public void Successful_result_summarises_the_median_run_and_the_spread_of_the_series()
    {
        var series = Series(Report(0.72, 1300), Report(0.81, 1100), Report(0.93, 900));

        var result = Succeeded(series, median: 1);

        var expected = new RegionResultSummary(
            PerformanceScore: 0.81,
            FirstContentfulPaintMs: 1100,
            LargestContentfulPaintMs: 2200,
            TotalBlockingTimeMs: 110,
            CumulativeLayoutShift: 0.11,
            SpeedIndexMs: 1650,
            TimeToInteractiveMs: 3300,
            TimeToFirstByteMs: 55,
            LighthouseVersion: "12.8.2",
            BenchmarkIndex: 1600,
            RunsCompleted: 3,
            ScoreMin: 0.72,
            ScoreMax: 0.93,
            ReportBlobName: "audit-7/syd.json.gz");
        Assert.Equal(expected, result.Summary);
    }

    [Fact]
    public void Successful_result_names_the_audit_and_region_of_the_settings()
    {
        var settings = TestEnvironment.ForJob(TestWorkerJobs.Create(auditId: "audit-9", region: "iad")).With(WorkerSettingsReader.FlyRegion, "lhr").Read();
        var series = Series(Report(0.8, 1000));

        var result = RegionResultBuilder.Succeeded(settings, "result-2", series, series.Completed[0], null, FinishedAt);

        Assert.Equal(
            ("result-2", "audit-9", "iad", true, (string?)null, FinishedAt),
            (result.ResultId, result.AuditId, result.Region, result.Succeeded, result.FailureReason, result.FinishedAt));
    }

    [Fact]
    public void Runs_without_a_score_are_left_out_of_the_score_range()
    {
        var series = Series(Report(0.6, 1000), Report(null, 1100), Report(0.9, 1200));

        var summary = Succeeded(series).Summary!;

        Assert.Equal((3, 0.6, 0.9), (summary.RunsCompleted, summary.ScoreMin, summary.ScoreMax));
    }

    [Fact]
    public void Score_range_is_empty_when_no_run_has_a_score()
    {
        var series = Series(Report(null, 1000), Report(null, 1100));

        var summary = Succeeded(series).Summary!;

        Assert.Equal(((double?)null, (double?)null), (summary.ScoreMin, summary.ScoreMax));
    }

    [Fact]
    public void Summary_without_an_uploaded_report_names_no_blob()
    {
        var result = Succeeded(Series(Report(0.8, 1000)), reportBlobName: null);

        Assert.Null(result.Summary!.ReportBlobName);
    }

    [Fact]
    public void Failed_result_carries_its_reason_and_no_summary()
    {
        var result = RegionResultBuilder.Failed(Settings, "result-3", "Chrome crashed.", FinishedAt);

        Assert.Equal(new RegionResult("result-3", "audit-7", "syd", false, "Chrome crashed.", null, FinishedAt), result);
    }

    [Fact]
    public void Reason_as_long_as_the_limit_is_kept_whole()
    {
        var reason = new string('x', RegionResultBuilder.MaxReasonLength);

        var result = RegionResultBuilder.Failed(Settings, "result-4", reason, FinishedAt);

        Assert.Equal(reason, result.FailureReason);
    }

    [Fact]
    public void Longer_reason_is_cut_to_the_limit_and_ends_with_an_ellipsis()
    {
        var reason = string.Concat(Enumerable.Range(0, 300).Select(i => $"run {i} failed; "));

        var result = RegionResultBuilder.Failed(Settings, "result-5", reason, FinishedAt);

        Assert.Equal(string.Concat(reason.AsSpan(0, RegionResultBuilder.MaxReasonLength - 1), "…"), result.FailureReason);
        Assert.Equal(RegionResultBuilder.MaxReasonLength, result.FailureReason!.Length);
    }

    [Fact]
    public void Cut_never_splits_a_character_made_of_two_utf16_units()
    {
        // An emoji whose first half would be the last unit kept.
        var reason = new string('x', RegionResultBuilder.MaxReasonLength - 2) + "😀" + new string('y', 50);

        var result = RegionResultBuilder.Failed(Settings, "result-6", reason, FinishedAt);

        Assert.Equal(new string('x', RegionResultBuilder.MaxReasonLength - 2) + "…", result.FailureReason);
        Assert.DoesNotContain(result.FailureReason!, char.IsSurrogate);
    }

    [Fact]
    public void Not_enough_runs_says_how_many_succeeded_of_how_many_and_how_many_were_needed()
    {
        var reason = RegionResultBuilder.NotEnoughRuns(5, Stopped(completed: 2, required: 3, stoppedEarly: null));

        Assert.Equal("2 of 5 Lighthouse run(s) succeeded; 3 needed.", reason);
    }

    [Fact]
    public void Not_enough_runs_says_why_the_series_stopped_early()
    {
        var reason = RegionResultBuilder.NotEnoughRuns(5, Stopped(completed: 0, required: 3, stoppedEarly: "the deadline left no time for more runs"));

        Assert.Equal("0 of 5 Lighthouse run(s) succeeded; 3 needed. Stopped early: the deadline left no time for more runs.", reason);
    }

    [Fact]
    public void Not_enough_runs_lists_every_failure_after_the_count_and_the_stop()
    {
        var series = Stopped(
            completed: 1,
            required: 2,
            stoppedEarly: "2 successful runs are no longer possible",
            "run 1: TIMEOUT: Lighthouse did not finish in 120 s.",
            "run 2: NO_FCP: The page did not paint any content.",
            "run 2 retry: EXITED: Lighthouse exited with code 1.");

        var reason = RegionResultBuilder.NotEnoughRuns(3, series);

        Assert.Equal(
            "1 of 3 Lighthouse run(s) succeeded; 2 needed. Stopped early: 2 successful runs are no longer possible. "
            + "run 1: TIMEOUT: Lighthouse did not finish in 120 s.; run 2: NO_FCP: The page did not paint any content.; run 2 retry: EXITED: Lighthouse exited with code 1.",
            reason);
    }
}

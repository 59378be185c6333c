using Meridian.Contract.Jobs;
using Meridian.Worker.Lighthouse;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Meridian.Worker.Tests.Unit;

public class RunSeriesTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
    private static readonly Uri Target = new("https://shop.example/");
    private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(120);
    private static readonly string WorkDirectory = Path.Combine(Path.GetTempPath(), "meridian-runs");

    private readonly FakeTimeProvider time = new(Start);
    private readonly ScriptedLighthouseRunner lighthouse;

    public RunSeriesTests() => lighthouse = new ScriptedLighthouseRunner(time);

    private static string ReportPath(int run, int attempt) => Path.Combine(WorkDirectory, $"run-{run}-{attempt}.json");

    private static TimeSpan Seconds(int seconds) => TimeSpan.FromSeconds(seconds);

    private Task<SeriesOutcome> RunAsync(
        int runs,
        TimeSpan? measureFor = null,
        FormFactor formFactor = FormFactor.Mobile,
        ILogger<RunSeries>? logger = null,
        CancellationToken cancellationToken = default) =>
        new RunSeries(lighthouse, time, logger ?? NullLogger<RunSeries>.Instance)
            .RunAsync(Target, formFactor, runs, RunTimeout, Start + (measureFor ?? TimeSpan.FromMinutes(30)), WorkDirectory, cancellationToken);

    [Fact]
    public async Task Runs_are_made_one_at_a_time_in_order()
    {
        lighthouse.Succeeds(duration: Seconds(20)).Succeeds(duration: Seconds(20)).Succeeds(duration: Seconds(20));

        await RunAsync(runs: 3);

        Assert.Equal(1, lighthouse.MostAtOnce);
        Assert.Equal([ReportPath(1, 1), ReportPath(2, 1), ReportPath(3, 1)], lighthouse.Calls.Select(call => call.ReportPath));
        Assert.Equal([Start, Start + Seconds(20), Start + Seconds(40)], lighthouse.Calls.Select(call => call.StartedAt));
    }

    [Fact]
    public async Task Every_run_measures_the_target_with_the_form_factor_asked_for()
    {
        lighthouse.Succeeds().Succeeds();

        await RunAsync(runs: 2, formFactor: FormFactor.Desktop);

        Assert.All(lighthouse.Calls, call => Assert.Equal((Target, FormFactor.Desktop), (call.Target, call.FormFactor)));
    }

    [Fact]
    public async Task Each_successful_run_is_kept_with_its_number_report_and_path()
    {
        var first = Lhr.Run(1000, 3000).Parse();
        var second = Lhr.Run(1100, 3100).Parse();
        lighthouse.Succeeds(first).Succeeds(second);

        var outcome = await RunAsync(runs: 2);

        Assert.Equal([new CompletedRun(1, first, ReportPath(1, 1)), new CompletedRun(2, second, ReportPath(2, 1))], outcome.Completed);
        Assert.Null(outcome.StoppedEarly);
    }

    [Fact]
    public async Task Failed_run_is_retried_once_and_the_retry_counts()
    {
        var retried = Lhr.Run(1200, 3300).Parse();
        lighthouse.Fails("TIMEOUT").Succeeds(retried).Succeeds().Succeeds();

        var outcome = await RunAsync(runs: 3);

        Assert.Equal([ReportPath(1, 1), ReportPath(1, 2), ReportPath(2, 1), ReportPath(3, 1)], lighthouse.Calls.Select(call => call.ReportPath));
        Assert.Equal(new CompletedRun(1, retried, ReportPath(1, 2)), outcome.Completed[0]);
        Assert.Equal(3, outcome.Completed.Count);
    }

    [Fact]
    public async Task Failed_attempts_are_listed_with_their_codes()
    {
        lighthouse.Fails("TIMEOUT").Succeeds().Succeeds().Fails("EXITED").Succeeds();

        var outcome = await RunAsync(runs: 3);

        Assert.Equal(
            ["run 1: TIMEOUT: Lighthouse failed with TIMEOUT.", "run 3: EXITED: Lighthouse failed with EXITED."],
            outcome.Failures);
    }

    [Fact]
    public async Task Run_is_not_tried_a_third_time()
    {
        lighthouse.Fails("TIMEOUT").Fails("EXITED").Succeeds().Succeeds();

        var outcome = await RunAsync(runs: 3);

        Assert.Equal([ReportPath(1, 1), ReportPath(1, 2), ReportPath(2, 1), ReportPath(3, 1)], lighthouse.Calls.Select(call => call.ReportPath));
        Assert.Equal([2, 3], outcome.Completed.Select(run => run.Number));
    }

    [Fact]
    public async Task Different_failures_on_a_run_and_its_retry_do_not_stop_the_series()
    {
        lighthouse.Fails("TIMEOUT").Fails("EXITED").Succeeds().Succeeds();

        var outcome = await RunAsync(runs: 3);

        Assert.Null(outcome.StoppedEarly);
        Assert.True(outcome.Enough);
    }

    [Fact]
    public async Task Same_failure_on_a_run_and_its_retry_stops_the_series()
    {
        lighthouse.Fails("ERRORED_DOCUMENT_REQUEST").Fails("ERRORED_DOCUMENT_REQUEST");

        var outcome = await RunAsync(runs: 5);

        Assert.Equal(2, lighthouse.Calls.Count);
        Assert.Equal("the page failed the same way twice (ERRORED_DOCUMENT_REQUEST)", outcome.StoppedEarly);
        Assert.Equal(
            ["run 1: ERRORED_DOCUMENT_REQUEST: Lighthouse failed with ERRORED_DOCUMENT_REQUEST.", "run 1 retry: ERRORED_DOCUMENT_REQUEST: Lighthouse failed with ERRORED_DOCUMENT_REQUEST."],
            outcome.Failures);
    }

    [Fact]
    public async Task Same_failure_twice_after_good_runs_still_stops_the_series()
    {
        lighthouse.Succeeds().Fails("NO_FCP").Fails("NO_FCP");

        var outcome = await RunAsync(runs: 5);

        Assert.Equal(3, lighthouse.Calls.Count);
        Assert.Equal("the page failed the same way twice (NO_FCP)", outcome.StoppedEarly);
        Assert.Single(outcome.Completed);
    }

    [Fact]
    public async Task Series_stops_once_the_successes_needed_are_out_of_reach()
    {
        // 3 runs need 2 successes: after runs 1 and 2 fail, run 3 alone cannot bring them.
        lighthouse.Fails("TIMEOUT").Fails("EXITED").Fails("NO_SCORE").Fails("TIMEOUT");

        var outcome = await RunAsync(runs: 3);

        Assert.Equal(4, lighthouse.Calls.Count);
        Assert.Equal("2 successful runs are no longer possible", outcome.StoppedEarly);
        Assert.False(outcome.Enough);
    }

    [Fact]
    public async Task Series_goes_on_while_the_successes_needed_are_still_reachable()
    {
        // 5 runs need 3: after run 1 and run 2 fail, runs 3 to 5 can still bring them.
        lighthouse.Fails("TIMEOUT").Fails("EXITED").Fails("NO_SCORE").Fails("TIMEOUT").Succeeds().Succeeds().Succeeds();

        var outcome = await RunAsync(runs: 5);

        Assert.Null(outcome.StoppedEarly);
        Assert.Equal(3, outcome.Completed.Count);
    }

    [Fact]
    public async Task No_run_starts_when_the_deadline_is_closer_than_the_minimum_run_time()
    {
        var outcome = await RunAsync(runs: 3, measureFor: RunSeries.MinimumRunTime - TimeSpan.FromMilliseconds(1));

        Assert.Empty(lighthouse.Calls);
        Assert.Equal("the deadline left no time for more runs", outcome.StoppedEarly);
    }

    [Fact]
    public async Task Run_starts_with_exactly_the_minimum_run_time_left()
    {
        lighthouse.Succeeds(duration: RunSeries.MinimumRunTime);

        var outcome = await RunAsync(runs: 1, measureFor: RunSeries.MinimumRunTime);

        Assert.Single(lighthouse.Calls);
        Assert.Null(outcome.StoppedEarly);
    }

    [Fact]
    public async Task Series_stops_when_the_runs_so_far_used_up_the_time()
    {
        lighthouse.Succeeds(duration: Seconds(100)).Succeeds(duration: Seconds(100));

        var outcome = await RunAsync(runs: 3, measureFor: Seconds(205));

        Assert.Equal(2, lighthouse.Calls.Count);
        Assert.Equal("the deadline left no time for more runs", outcome.StoppedEarly);
    }

    [Fact]
    public async Task Each_run_gets_the_run_timeout_or_the_time_left_whichever_is_less()
    {
        // 300 s to measure, 120 s per run, each run takes 100 s: 300 s left, then 200 s, then 100 s.
        lighthouse.Succeeds(duration: Seconds(100)).Succeeds(duration: Seconds(100)).Succeeds(duration: Seconds(100));

        await RunAsync(runs: 3, measureFor: Seconds(300));

        Assert.Equal([Seconds(120), Seconds(120), Seconds(100)], lighthouse.Calls.Select(call => call.Timeout));
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 1)]
    [InlineData(3, 2)]
    [InlineData(4, 2)]
    [InlineData(5, 3)]
    [InlineData(6, 3)]
    [InlineData(7, 4)]
    [InlineData(8, 4)]
    [InlineData(9, 5)]
    public void Successes_needed_are_a_majority_of_the_runs(int runs, int required)
    {
        Assert.Equal(required, RunSeries.RequiredSuccesses(runs));
    }

    [Fact]
    public async Task Outcome_carries_the_successes_needed()
    {
        lighthouse.Succeeds().Succeeds().Succeeds().Succeeds().Succeeds();

        var outcome = await RunAsync(runs: 5);

        Assert.Equal(3, outcome.RequiredSuccesses);
    }

    [Fact]
    public async Task Series_asked_to_stop_before_it_starts_makes_no_run()
    {
        using var stop = new CancellationTokenSource();
        await stop.CancelAsync();

        var outcome = await RunAsync(runs: 3, cancellationToken: stop.Token);

        Assert.Empty(lighthouse.Calls);
        Assert.Equal("the worker was asked to stop", outcome.StoppedEarly);
    }

    [Fact]
    public async Task Series_asked_to_stop_during_a_run_makes_no_further_run()
    {
        using var stop = new CancellationTokenSource();
        lighthouse.Succeeds(during: stop.Cancel);

        var outcome = await RunAsync(runs: 3, cancellationToken: stop.Token);

        Assert.Single(lighthouse.Calls);
        Assert.Single(outcome.Completed);
        Assert.Equal("the worker was asked to stop", outcome.StoppedEarly);
    }

    [Fact]
    public async Task Failed_run_is_logged_as_a_warning_with_its_code()
    {
        var logger = new FakeLogger<RunSeries>();
        lighthouse.Fails("NO_FCP").Succeeds();

        await RunAsync(runs: 1, logger: logger);

        var warning = Assert.Single(logger.Collector.GetSnapshot(), record => record.Level == LogLevel.Warning);
        Assert.Contains("NO_FCP", warning.Message, StringComparison.Ordinal);
    }
}

using Meridian.Worker.Lighthouse;

namespace Meridian.Worker.Tests.Unit;

public class MedianRunTests
{
    private static LighthouseMetrics Run(double? fcp, double? tti) => Lhr.Run(fcp, tti).Metrics();

    private static LighthouseMetrics[] Runs(params (double Fcp, double Tti)[] runs) => [.. runs.Select(run => Run(run.Fcp, run.Tti))];

    [Fact]
    public void Odd_count_picks_the_run_at_both_medians()
    {
        var runs = Runs((1000, 3000), (1200, 3400), (1100, 3200));

        Assert.Equal(2, MedianRun.Select(runs));
    }

    [Fact]
    public void Even_count_picks_the_run_nearest_the_mean_of_the_middle_values()
    {
        // Followed median-run.js by hand:
        //   FCP sorted 1000 1200 1400 1900 -> median (1200 + 1400) / 2 = 1300
        //   TTI sorted 3000 3300 3900 4800 -> median (3300 + 3900) / 2 = 3600
        //   run 0 (1000, 3300):  300² +   300² =    90000 +   90000 =  180000  <- smallest
        //   run 1 (1200, 3000):  100² +   600² =    10000 +  360000 =  370000
        //   run 2 (1400, 4800): -100² + -1200² =    10000 + 1440000 = 1450000
        //   run 3 (1900, 3900): -600² +  -300² =   360000 +   90000 =  450000
        // Neither of the runs holding the middle FCPs wins: the distance is over both metrics.
        var runs = Runs((1000, 3300), (1200, 3000), (1400, 4800), (1900, 3900));

        Assert.Equal(0, MedianRun.Select(runs));
    }

    [Fact]
    public void Run_nearest_both_medians_wins_over_the_run_with_the_median_score()
    {
        var reports = new[]
        {
            Lhr.Run(1000, 3000).Score(0.90).Parse(),
            Lhr.Run(1100, 3100).Score(0.70).Parse(),
            Lhr.Run(2000, 6000).Score(0.80).Parse(),
        };
        var scores = reports.Select(report => report.PerformanceScore!.Value).ToList();
        var byScore = scores.IndexOf(MedianRun.Median(scores));

        var picked = MedianRun.Select([.. reports.Select(report => report.Metrics)]);

        Assert.Equal(2, byScore);
        Assert.Equal(1, picked);
    }

    [Fact]
    public void Equally_near_runs_are_settled_by_the_lower_tti_even_when_it_comes_later()
    {
        // Followed median-run.js by hand:
        //   FCP sorted 1000 1100 1300 1600 -> median 1200; TTI sorted 4000 4200 4600 5000 -> median 4400
        //   run 1 (1300, 4600): -100² + -200² = 50000
        //   run 2 (1100, 4200):  100² +  200² = 50000   tie; the comparator falls to TTI: 4200 < 4600
        var runs = Runs((1000, 4000), (1300, 4600), (1100, 4200), (1600, 5000));

        Assert.Equal(2, MedianRun.Select(runs));
    }

    [Fact]
    public void Equally_near_runs_with_the_same_tti_are_settled_by_run_order()
    {
        // Both are 100 ms of FCP from the median (1000) and on the median TTI; the first is kept, as
        // Array.prototype.sort is stable. The first has the higher FCP, so this is not "lower FCP wins".
        var runs = Runs((1100, 3000), (900, 3000));

        Assert.Equal(0, MedianRun.Select(runs));
    }

    [Fact]
    public void Single_run_is_the_median()
    {
        Assert.Equal(0, MedianRun.Select(Runs((1500, 4200))));
    }

    [Fact]
    public void Run_with_fcp_and_tti_is_valid()
    {
        Assert.True(MedianRun.IsValid(Run(1200, 3400)));
    }

    [Theory]
    [InlineData(Lhr.FirstContentfulPaint)]
    [InlineData(Lhr.Interactive)]
    public void Run_missing_the_fcp_or_tti_audit_is_not_valid(string audit)
    {
        var metrics = Lhr.Run(1200, 3400).Without(audit).Metrics();

        Assert.False(MedianRun.IsValid(metrics));
    }

    // Lighthouse reads `numericValue || NaN`: a 0 counts as missing, like a null.
    [Theory]
    [InlineData(Lhr.FirstContentfulPaint, 0.0)]
    [InlineData(Lhr.Interactive, 0.0)]
    [InlineData(Lhr.FirstContentfulPaint, null)]
    [InlineData(Lhr.Interactive, null)]
    public void Run_whose_fcp_or_tti_is_zero_or_null_is_not_valid(string audit, double? numericValue)
    {
        var metrics = Lhr.Run(1200, 3400).Metric(audit, numericValue).Metrics();

        Assert.False(MedianRun.IsValid(metrics));
    }

    [Theory]
    [InlineData(double.NaN, 3400)]
    [InlineData(1200, double.NaN)]
    [InlineData(double.PositiveInfinity, 3400)]
    [InlineData(1200, double.PositiveInfinity)]
    public void Run_with_a_non_finite_fcp_or_tti_is_not_valid(double fcp, double tti)
    {
        var metrics = new LighthouseMetrics(fcp, null, null, null, null, tti, null);

        Assert.False(MedianRun.IsValid(metrics));
    }

    [Fact]
    public void Select_refuses_no_runs()
    {
        Assert.Throws<ArgumentException>(() => MedianRun.Select([]));
    }

    [Fact]
    public void Select_refuses_a_run_without_fcp_or_tti()
    {
        LighthouseMetrics[] runs = [Run(1200, 3400), Run(0, 3500), Run(1300, 3600)];

        Assert.Throws<ArgumentException>(() => MedianRun.Select(runs));
    }

    [Theory]
    [InlineData(new[] { 3.0, 1.0, 2.0 }, 2.0)]
    [InlineData(new[] { 5.0 }, 5.0)]
    [InlineData(new[] { 4.0, 1.0, 3.0, 2.0 }, 2.5)]
    [InlineData(new[] { 10.0, 20.0 }, 15.0)]
    public void Median_is_the_middle_value_or_the_mean_of_the_two_middle_values(double[] values, double expected)
    {
        Assert.Equal(expected, MedianRun.Median(values));
    }

    [Fact]
    public void Median_of_nothing_is_refused()
    {
        Assert.Throws<ArgumentException>(() => MedianRun.Median([]));
    }
}

using Meridian.Contract.Delivery;
using Meridian.Contract.Jobs;
using Meridian.Contract.Results;
using Meridian.Core.Audits;

namespace Meridian.Core.Tests.Audits;

public class AuditReportBuilderTests
{
    private static RegionOutcome Completed(string region, double score, double? lcpMs) =>
        new(region, RegionStatus.Completed, null,
            new RegionResultSummary(score, 1000, lcpMs, 100, 0.01, 1500, 3000, 200, "12.8.0", 1400, 3, score, score, null),
            $"m-{region}", ResultDelivery.Callback);

    private static RegionOutcome Ended(string region, RegionStatus status) => new(region, status, "why", null, null, null);

    [Fact]
    public void Aggregates_count_every_outcome_and_take_the_median_score_of_completed_regions()
    {
        var aggregates = AuditReportBuilder.Aggregate(
        [
            Completed("iad", 0.9, 1200),
            Completed("lhr", 0.5, 3100),
            Completed("syd", 0.7, 2400),
            Ended("gru", RegionStatus.Failed),
            Ended("jnb", RegionStatus.Unavailable),
            Ended("nrt", RegionStatus.TimedOut),
            Ended("sin", RegionStatus.TimedOut),
        ]);

        Assert.Equal(new AuditAggregates(0.7, "iad", "lhr", Completed: 3, Failed: 1, TimedOut: 2, Unavailable: 1), aggregates);
    }

    [Fact]
    public void Median_of_an_even_count_is_the_mean_of_the_middle_two() =>
        Assert.Equal(0.6, AuditReportBuilder.Aggregate([Completed("iad", 0.9, 1), Completed("lhr", 0.5, 2), Completed("syd", 0.7, 3), Completed("ams", 0.3, 4)]).MedianPerformanceScore);

    [Fact]
    public void Fastest_and_slowest_ignore_regions_without_an_LCP_and_break_ties_by_region_code()
    {
        var aggregates = AuditReportBuilder.Aggregate([Completed("syd", 0.9, 1500), Completed("ams", 0.8, 1500), Completed("iad", 0.7, null)]);

        Assert.Equal(("ams", "syd"), (aggregates.FastestRegion, aggregates.SlowestRegion));
    }

    [Fact]
    public void Audit_with_no_completed_region_has_no_median_nor_extremes()
    {
        var aggregates = AuditReportBuilder.Aggregate([Ended("iad", RegionStatus.TimedOut)]);

        Assert.Equal((null, null, null), (aggregates.MedianPerformanceScore, aggregates.FastestRegion, aggregates.SlowestRegion));
    }

    [Fact]
    public void Report_carries_the_spec_and_its_wall_time()
    {
        var spec = new AuditSpec(new Uri("https://shop.example/a?b=1"), ["iad"], FormFactor.Desktop, 5, TimeSpan.FromMinutes(10));
        var start = new DateTime(2026, 11, 23, 12, 0, 0, DateTimeKind.Utc);

        var report = AuditReportBuilder.Build("audit-1", spec, start, start.AddSeconds(95), [Completed("iad", 0.9, 1200)], []);

        Assert.Equal(("https://shop.example/a?b=1", FormFactor.Desktop, 5, 95.0), (report.Url, report.FormFactor, report.Runs, report.WallTimeSeconds));
    }
}

using Meridian.Core.Audits;
using Meridian.Core.Monitors;
using Meridian.Core.Monitors.Alerts;
using Meridian.Core.Regions;

namespace Meridian.Core.Tests.Monitors.Alerts;

public class ThresholdBreachesTests
{
    private static readonly MetricLimits AllLimits = new(MinPerformanceScore: 0.8, MaxLcpMs: 2500, MaxTbtMs: 300, MaxCls: 0.1);

    private static MonitorRegionRun Region(string region, double? score, double? lcpMs, double? tbtMs, double? cls) =>
        new(region, RegionStatus.Completed, score, lcpMs, tbtMs, cls);

    [Fact]
    public void Every_broken_limit_of_a_region_is_one_sentence_in_metric_order() =>
        Assert.Equal(
            [
                "syd: performance score 0.62 is below 0.80",
                "syd: LCP 4,210 ms is above 2,500 ms",
                "syd: TBT 640 ms is above 300 ms",
                "syd: CLS 0.312 is above 0.10",
            ],
            ThresholdBreaches.Find(new AlertThresholds(EachRegion: AllLimits), [Region("syd", 0.62, 4210.4, 640, 0.312)], 0.62));

    [Fact]
    public void Overall_breaches_come_first_and_name_the_worst_region()
    {
        IReadOnlyList<MonitorRegionRun> regions = [Region("iad", 0.9, 1800, 350, 0.2), Region("syd", 0.7, 2600, 350, 0.05)];

        var breaches = ThresholdBreaches.Find(new AlertThresholds(Overall: AllLimits, EachRegion: new MetricLimits(MaxLcpMs: 2500)), regions, 0.8);

        Assert.Equal(
            [
                "overall: worst LCP 2,600 ms (syd) is above 2,500 ms",
                "overall: worst TBT 350 ms (iad) is above 300 ms",
                "overall: worst CLS 0.20 (iad) is above 0.10",
                "syd: LCP 2,600 ms is above 2,500 ms",
            ],
            breaches);
    }

    [Fact]
    public void A_metric_Lighthouse_could_not_measure_breaks_no_limit() =>
        Assert.Empty(ThresholdBreaches.Find(
            new AlertThresholds(Overall: AllLimits, EachRegion: AllLimits), [Region("iad", null, null, null, null)], medianScore: null));

    [Fact]
    public void A_value_at_the_limit_is_within_it() =>
        Assert.Empty(ThresholdBreaches.Find(new AlertThresholds(EachRegion: AllLimits), [Region("iad", 0.8, 2500, 300, 0.1)], 0.8));
}

namespace Meridian.Core.Monitors.Alerts;

/// <summary>
/// When a monitor's audit counts as a breach. <see cref="Overall"/> is held against the figures across
/// regions (the median score, the worst region's LCP, TBT and CLS); <see cref="EachRegion"/> against
/// every completed region on its own. Either or both; an alert needs two breaching audits in a row.
/// </summary>
public sealed record AlertThresholds(MetricLimits? Overall = null, MetricLimits? EachRegion = null);

/// <summary>Limits on the main metrics; a null limit is not checked.</summary>
/// <param name="MinPerformanceScore">Lowest acceptable Lighthouse performance score, 0 to 1.</param>
/// <param name="MaxLcpMs">Highest acceptable Largest Contentful Paint, in milliseconds.</param>
/// <param name="MaxTbtMs">Highest acceptable Total Blocking Time, in milliseconds.</param>
/// <param name="MaxCls">Highest acceptable Cumulative Layout Shift (unitless).</param>
public sealed record MetricLimits(
    double? MinPerformanceScore = null,
    double? MaxLcpMs = null,
    double? MaxTbtMs = null,
    double? MaxCls = null);

using System.Globalization;
using Meridian.Contract.Results;

namespace Meridian.Core.Reports;

/// <summary>One number of a region's median run as the report shows it: how to read, format and rate it.</summary>
/// <param name="Id">Stable id for element attributes (<c>data-metric</c>).</param>
/// <param name="Thresholds">Null for a metric the report does not rate.</param>
/// <param name="FullScale">The value of a full-length bar when the metric has a fixed range (the score); else the chart scales to the data.</param>
internal sealed record ReportMetric(
    string Id,
    string Name,
    string ShortName,
    Func<RegionResultSummary, double?> Read,
    Func<double, string> Format,
    MetricThresholds? Thresholds,
    double? FullScale = null)
{
    public Rating? Rate(double value) => Thresholds?.Rate(value);
}

/// <summary>The metrics of the report, with Lighthouse's bands (web.dev's for FCP and TTFB).</summary>
internal static class ReportMetrics
{
    public static readonly ReportMetric Score = new(
        "score", "Performance score", "Score", s => s.PerformanceScore, FormatScore, new(0.9, 0.5, HigherIsBetter: true), FullScale: 1);

    public static readonly ReportMetric LargestContentfulPaint = new(
        "lcp", "Largest Contentful Paint", "LCP", s => s.LargestContentfulPaintMs, FormatMilliseconds, new(2500, 4000, HigherIsBetter: false));

    public static readonly ReportMetric FirstContentfulPaint = new(
        "fcp", "First Contentful Paint", "FCP", s => s.FirstContentfulPaintMs, FormatMilliseconds, new(1800, 3000, HigherIsBetter: false));

    public static readonly ReportMetric TotalBlockingTime = new(
        "tbt", "Total Blocking Time", "TBT", s => s.TotalBlockingTimeMs, FormatMilliseconds, new(200, 600, HigherIsBetter: false));

    public static readonly ReportMetric CumulativeLayoutShift = new(
        "cls", "Cumulative Layout Shift", "CLS", s => s.CumulativeLayoutShift, FormatShift, new(0.1, 0.25, HigherIsBetter: false));

    public static readonly ReportMetric TimeToFirstByte = new(
        "ttfb", "Time to First Byte", "TTFB", s => s.TimeToFirstByteMs, FormatMilliseconds, new(800, 1800, HigherIsBetter: false));

    /// <summary>Not rated: Lighthouse's bands for it differ between mobile and desktop.</summary>
    public static readonly ReportMetric SpeedIndex = new(
        "si", "Speed Index", "Speed Index", s => s.SpeedIndexMs, FormatMilliseconds, null);

    /// <summary>The columns of the region table, in order.</summary>
    public static IReadOnlyList<ReportMetric> InTable { get; } =
        [Score, LargestContentfulPaint, FirstContentfulPaint, TotalBlockingTime, CumulativeLayoutShift, TimeToFirstByte, SpeedIndex];

    /// <summary>The main metrics, one bar chart each.</summary>
    public static IReadOnlyList<ReportMetric> Charted { get; } =
        [Score, LargestContentfulPaint, TotalBlockingTime, CumulativeLayoutShift, TimeToFirstByte];

    /// <summary>A 0 to 1 score as Lighthouse shows it: a whole number from 0 to 100.</summary>
    public static string FormatScore(double score) =>
        Math.Round(score * 100, MidpointRounding.AwayFromZero).ToString("0", CultureInfo.InvariantCulture);

    /// <summary>Whole milliseconds with a thousands separator: 1234.5 is "1,235 ms".</summary>
    public static string FormatMilliseconds(double milliseconds) =>
        Math.Round(milliseconds, MidpointRounding.AwayFromZero).ToString("#,0", CultureInfo.InvariantCulture) + " ms";

    /// <summary>Three decimals, as Lighthouse shows CLS: 0.05 is "0.050".</summary>
    public static string FormatShift(double shift) =>
        Math.Round(shift, 3, MidpointRounding.AwayFromZero).ToString("0.000", CultureInfo.InvariantCulture);
}

using System.Globalization;
using Meridian.Core.Regions;

namespace Meridian.Core.Monitors.Alerts;

/// <summary>
/// Holds one audit's completed regions against a monitor's thresholds and names each broken limit
/// in a sentence a person reads in a chat message, e.g. "syd: LCP 4,210 ms is above 2,500 ms".
/// </summary>
public static class ThresholdBreaches
{
    /// <param name="completed">The audit's completed regions; the figures of the others mean nothing about speed.</param>
    /// <param name="medianScore">The median performance score across <paramref name="completed"/>.</param>
    /// <returns>Overall breaches first, then each region's in the audit's region order; empty when none.</returns>
    public static IReadOnlyList<string> Find(AlertThresholds? thresholds, IReadOnlyList<MonitorRegionRun> completed, double? medianScore)
    {
        ArgumentNullException.ThrowIfNull(completed);
        if (thresholds is null || completed.Count == 0)
        {
            return [];
        }

        var breaches = new List<string>();
        if (thresholds.Overall is { } overall)
        {
            if (IsBelow(medianScore, overall.MinPerformanceScore) is { } median)
            {
                breaches.Add($"overall: median performance score {Decimal(median)} is below {Decimal(overall.MinPerformanceScore!.Value)}");
            }

            AddWorst(breaches, completed, "LCP", run => run.LargestContentfulPaintMs, overall.MaxLcpMs, Milliseconds);
            AddWorst(breaches, completed, "TBT", run => run.TotalBlockingTimeMs, overall.MaxTbtMs, Milliseconds);
            AddWorst(breaches, completed, "CLS", run => run.CumulativeLayoutShift, overall.MaxCls, Decimal);
        }

        if (thresholds.EachRegion is { } each)
        {
            foreach (var region in completed)
            {
                if (IsBelow(region.PerformanceScore, each.MinPerformanceScore) is { } score)
                {
                    breaches.Add($"{region.Region}: performance score {Decimal(score)} is below {Decimal(each.MinPerformanceScore!.Value)}");
                }

                AddAbove(breaches, region.Region, "LCP", region.LargestContentfulPaintMs, each.MaxLcpMs, Milliseconds);
                AddAbove(breaches, region.Region, "TBT", region.TotalBlockingTimeMs, each.MaxTbtMs, Milliseconds);
                AddAbove(breaches, region.Region, "CLS", region.CumulativeLayoutShift, each.MaxCls, Decimal);
            }
        }

        return breaches;
    }

    /// <summary>The region with the highest value (ties: the first in the audit's order) against the limit.</summary>
    private static void AddWorst(
        List<string> breaches,
        IReadOnlyList<MonitorRegionRun> completed,
        string metric,
        Func<MonitorRegionRun, double?> value,
        double? limit,
        Func<double, string> format)
    {
        // OrderByDescending is stable: of equal values, the first region in the audit's order is named.
        var worst = completed.Where(run => value(run) is not null).OrderByDescending(value).FirstOrDefault();
        if (worst is not null && IsAbove(value(worst)!.Value, limit))
        {
            breaches.Add($"overall: worst {metric} {format(value(worst)!.Value)} ({worst.Region}) is above {format(limit!.Value)}");
        }
    }

    private static void AddAbove(List<string> breaches, string region, string metric, double? value, double? limit, Func<double, string> format)
    {
        if (value is { } measured && IsAbove(measured, limit))
        {
            breaches.Add($"{region}: {metric} {format(measured)} is above {format(limit!.Value)}");
        }
    }

    private static bool IsAbove(double value, double? limit) => limit is { } max && value > max;

    // A metric Lighthouse could not measure breaks no limit: the audit cannot say.
    private static double? IsBelow(double? value, double? limit) =>
        value is { } measured && limit is { } min && measured < min ? measured : null;

    private static string Milliseconds(double value) => value.ToString("#,0", CultureInfo.InvariantCulture) + " ms";

    // At least two decimals, so a limit of 0.8 reads "0.80" next to a score of "0.62".
    private static string Decimal(double value) => value.ToString("0.00#", CultureInfo.InvariantCulture);
}

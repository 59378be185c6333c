using Meridian.Contract.Jobs;
using Meridian.Core.Regions;

namespace Meridian.Core.Audits;

/// <summary>Turns the regions' outcomes into an <see cref="AuditReport"/>. Pure: safe in orchestration code.</summary>
public static class AuditReportBuilder
{
    public static AuditReport Build(
        string auditId,
        AuditSpec spec,
        DateTime startedAt,
        DateTime completedAt,
        IReadOnlyList<RegionOutcome> regions,
        IReadOnlyList<string> warnings) =>
        new(
            auditId,
            spec.Url.AbsoluteUri,
            spec.FormFactor,
            spec.Runs,
            startedAt,
            completedAt,
            regions,
            Aggregate(regions),
            warnings);

    public static AuditAggregates Aggregate(IReadOnlyList<RegionOutcome> regions)
    {
        var completed = regions.Where(r => r.Status == RegionStatus.Completed && r.Summary is not null).ToList();
        var byLcp = completed
            .Where(r => r.Summary!.LargestContentfulPaintMs is not null)
            .OrderBy(r => r.Summary!.LargestContentfulPaintMs)
            .ThenBy(r => r.Region, StringComparer.Ordinal)
            .ToList();

        return new AuditAggregates(
            Median(completed.Select(r => r.Summary!.PerformanceScore).OfType<double>().ToList()),
            byLcp.FirstOrDefault()?.Region,
            byLcp.LastOrDefault()?.Region,
            Count(RegionStatus.Completed),
            Count(RegionStatus.Failed),
            Count(RegionStatus.TimedOut),
            Count(RegionStatus.Unavailable));

        int Count(RegionStatus status) => regions.Count(r => r.Status == status);
    }

    internal static double? Median(IReadOnlyList<double> values)
    {
        if (values.Count == 0)
        {
            return null;
        }

        var sorted = values.Order().ToList();
        var middle = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}

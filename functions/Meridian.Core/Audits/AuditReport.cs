using Meridian.Contract.Jobs;

namespace Meridian.Core.Audits;

/// <summary>The result of one audit: every region's outcome plus the figures across regions.</summary>
/// <param name="Warnings">Things that went wrong around the audit without changing its numbers (a machine that could not be destroyed, a report that could not be stored).</param>
public sealed record AuditReport(
    string AuditId,
    string Url,
    FormFactor FormFactor,
    int Runs,
    DateTime StartedAt,
    DateTime CompletedAt,
    IReadOnlyList<RegionOutcome> Regions,
    AuditAggregates Aggregates,
    IReadOnlyList<string> Warnings)
{
    public double WallTimeSeconds => (CompletedAt - StartedAt).TotalSeconds;
}

/// <summary>Figures across the regions that completed.</summary>
/// <param name="MedianPerformanceScore">Median of the completed regions' scores (0 to 1); null when none completed.</param>
/// <param name="FastestRegion">The completed region with the lowest LCP (ties: lowest region code).</param>
/// <param name="SlowestRegion">The completed region with the highest LCP.</param>
public sealed record AuditAggregates(
    double? MedianPerformanceScore,
    string? FastestRegion,
    string? SlowestRegion,
    int Completed,
    int Failed,
    int TimedOut,
    int Unavailable);

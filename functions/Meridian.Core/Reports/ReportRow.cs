using Meridian.Contract.Results;
using Meridian.Core.Audits;
using Meridian.Core.Audits.Api;
using Meridian.Core.Regions;

namespace Meridian.Core.Reports;

/// <summary>One region as the report shows it, whether the audit is still running or has its report.</summary>
internal sealed record ReportRow(string Region, RegionStatus Status, string? Reason, RegionResultSummary? Summary)
{
    /// <summary>The finished report's outcomes when there is one, else the live states.</summary>
    public static IReadOnlyList<ReportRow> From(AuditView state) =>
        state.Report is { } report
            ? [.. report.Regions.Select(r => new ReportRow(r.Region, r.Status, r.Reason, r.Summary))]
            : [.. state.Regions.Select(r => new ReportRow(r.Region, r.Status, r.Reason, r.Summary))];

    /// <summary>"Ashburn, United States"; a code the catalog does not know is still shown, as unknown.</summary>
    public string Place => RegionCatalog.TryGet(Region, out var region) ? $"{region.City}, {region.Country}" : "Unknown region";

    /// <summary>"iad · Ashburn": the short label of charts and figures.</summary>
    public string ShortLabel => RegionCatalog.TryGet(Region, out var region) ? $"{Region} · {region.City}" : Region;

    public double? Value(ReportMetric metric) => Summary is null ? null : metric.Read(Summary);

    public RegionOutcome ToOutcome() => new(Region, Status, Reason, Summary, null, null);
}

internal static class RegionStatusText
{
    public static string Label(this RegionStatus status) => status switch
    {
        RegionStatus.Pending => "Pending",
        RegionStatus.Running => "Running",
        RegionStatus.Completed => "Completed",
        RegionStatus.Failed => "Failed",
        RegionStatus.TimedOut => "Timed out",
        RegionStatus.Unavailable => "Unavailable",
        _ => status.ToString(),
    };

    /// <summary>The status in a <c>data-status</c> attribute: "completed", "timed-out".</summary>
    public static string Id(this RegionStatus status) => status switch
    {
        RegionStatus.Pending => "pending",
        RegionStatus.Running => "running",
        RegionStatus.Completed => "completed",
        RegionStatus.Failed => "failed",
        RegionStatus.TimedOut => "timed-out",
        RegionStatus.Unavailable => "unavailable",
        _ => "unknown",
    };

    public static string CssClass(this RegionStatus status) => status switch
    {
        RegionStatus.Completed => "good",
        RegionStatus.Failed or RegionStatus.TimedOut => "poor",
        RegionStatus.Unavailable => "average",
        _ => "unrated",
    };
}

using System.Globalization;
using Meridian.Core.Audits;
using Meridian.Core.Audits.Api;
using Meridian.Core.Http;
using Meridian.Core.Regions;
using Spectre.Console;

namespace Meridian.Local.Terminal;

/// <summary>
/// The per-region table, shown live while an audit runs in a terminal and once at the end. Reasons are
/// shown whole (the table wraps them), with control characters from the audited page escaped.
/// </summary>
public static class RegionTable
{
    public static Table For(AuditView state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn("Region")
            .AddColumn("Status")
            .AddColumn(new TableColumn("Score").RightAligned())
            .AddColumn(new TableColumn("LCP").RightAligned())
            .AddColumn(new TableColumn("TBT").RightAligned())
            .AddColumn(new TableColumn("CLS").RightAligned())
            .AddColumn(new TableColumn("TTFB").RightAligned())
            .AddColumn("Note");
        foreach (var region in state.Regions)
        {
            var summary = region.Summary;
            table.AddRow(
                Markup.Escape(Describe(region.Region)),
                StatusMarkup(region.Status),
                summary?.PerformanceScore is { } score ? Score(score) : "—",
                Milliseconds(summary?.LargestContentfulPaintMs),
                Milliseconds(summary?.TotalBlockingTimeMs),
                summary?.CumulativeLayoutShift is { } cls ? cls.ToString("0.000", CultureInfo.InvariantCulture) : "—",
                Milliseconds(summary?.TimeToFirstByteMs),
                Markup.Escape(region.Reason is null ? string.Empty : LogValue.Escape(region.Reason)));
        }

        return table;
    }

    private static string Describe(string code) =>
        RegionCatalog.TryGet(code, out var region) ? $"{code} {region.City}" : code;

    /// <summary>The status as words, e.g. "timed out".</summary>
    public static string StatusText(RegionStatus status) => status switch
    {
        RegionStatus.TimedOut => "timed out",
        _ => status.ToString().ToLowerInvariant(),
    };

    private static string StatusMarkup(RegionStatus status) => status switch
    {
        RegionStatus.Completed => "[green]completed[/]",
        RegionStatus.Running => "[blue]running[/]",
        RegionStatus.Pending => "[grey]pending[/]",
        RegionStatus.Failed => "[red]failed[/]",
        RegionStatus.TimedOut => "[red]timed out[/]",
        RegionStatus.Unavailable => "[yellow]unavailable[/]",
        _ => Markup.Escape(status.ToString()),
    };

    private static string Score(double score)
    {
        var points = Math.Round(score * 100).ToString(CultureInfo.InvariantCulture);
        return score >= 0.9 ? $"[green]{points}[/]" : score >= 0.5 ? $"[yellow]{points}[/]" : $"[red]{points}[/]";
    }

    private static string Milliseconds(double? value) =>
        value is { } ms ? ms.ToString("#,0", CultureInfo.InvariantCulture) + " ms" : "—";
}

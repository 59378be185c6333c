using System.Globalization;
using Meridian.Core.Audits;
using Meridian.Core.Audits.Api;
using Meridian.Core.Regions;
using Spectre.Console;

namespace Meridian.Local.Terminal;

/// <summary>The per-region table, shown live while an audit runs and once more at the end.</summary>
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
                Markup.Escape(Shorten(region.Reason)));
        }

        return table;
    }

    private static string Describe(string code) =>
        RegionCatalog.TryGet(code, out var region) ? $"{code} {region.City}" : code;

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

    private static string Shorten(string? reason) =>
        reason is null ? string.Empty : reason.Length <= 80 ? reason : string.Concat(reason.AsSpan(0, 79), "…");
}

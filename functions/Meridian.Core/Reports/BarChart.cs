using System.Globalization;
using System.Text;
using Meridian.Core.Regions;

namespace Meridian.Core.Reports;

/// <summary>
/// One metric as a horizontal bar chart in inline SVG: per region a line with its name and its value
/// (and the value's rating in words), a bar under it and a tooltip; dashed ticks mark the rating
/// bounds. A region without a value gets "—" and no bar. Positions across are percentages, so the
/// chart fills any width while its text keeps its size (no viewBox scaling on small screens).
/// </summary>
internal static class BarChart
{
    private const int RowHeight = 40;
    private const int TextY = 11;
    private const int BarY = 20;
    private const int BarHeight = 14;
    private const int Padding = 4;
    private const double MinimumBar = 0.006;

    public static void Write(StringBuilder html, ReportMetric metric, IReadOnlyList<ReportRow> rows)
    {
        var scale = Scale(metric, rows);
        var height = (2 * Padding) + (Math.Max(rows.Count, 1) * RowHeight);
        var titleId = $"chart-{metric.Id}-title";

        html.Append(CultureInfo.InvariantCulture, $"""<figure class="chart" id="chart-{metric.Id}">""");
        html.Append(CultureInfo.InvariantCulture, $"""<figcaption><strong>{metric.Name}</strong>{Bounds(metric)}</figcaption>""");
        html.Append(CultureInfo.InvariantCulture, $"""<svg data-metric="{metric.Id}" width="100%" height="{height}" role="img" aria-labelledby="{titleId}">""");
        html.Append(CultureInfo.InvariantCulture, $"""<title id="{titleId}">{metric.Name} per region</title>""");
        for (var i = 0; i < rows.Count; i++)
        {
            WriteRow(html, metric, rows[i], scale, Padding + (i * RowHeight));
        }

        html.Append("</svg></figure>");
    }

    /// <summary>The value of a full-length bar: the metric's fixed range, else the largest value or the poor bound, whichever is higher.</summary>
    private static double Scale(ReportMetric metric, IReadOnlyList<ReportRow> rows)
    {
        if (metric.FullScale is { } fullScale)
        {
            return fullScale;
        }

        var largest = rows.Select(row => row.Value(metric)).OfType<double>().DefaultIfEmpty(0).Max();
        var scale = Math.Max(largest, metric.Thresholds?.NeedsImprovement ?? 0);
        return scale > 0 ? scale : 1;
    }

    private static string Bounds(ReportMetric metric)
    {
        if (metric.Thresholds is not { } bounds)
        {
            return string.Empty;
        }

        var sign = bounds.HigherIsBetter ? "≥" : "≤";
        return $"""<span class="bounds">good {sign} {metric.Format(bounds.Good)}, needs improvement {sign} {metric.Format(bounds.NeedsImprovement)} (dashed ticks)</span>""";
    }

    private static void WriteRow(StringBuilder html, ReportMetric metric, ReportRow row, double scale, int top)
    {
        var value = row.Value(metric);
        var rating = value is { } v ? metric.Rate(v) : null;
        var textY = top + TextY;

        html.Append(CultureInfo.InvariantCulture, $"""<g class="row" data-region="{Html.Encode(row.Region)}" data-has-value="{(value is null ? "false" : "true")}">""");
        html.Append(CultureInfo.InvariantCulture, $"""<title>{Html.Encode(Tooltip(metric, row, value, rating))}</title>""");
        html.Append(CultureInfo.InvariantCulture, $"""<rect class="track" x="0" y="{top + BarY}" width="100%" height="{BarHeight}" rx="3"/>""");
        html.Append(CultureInfo.InvariantCulture, $"""<text class="label" x="0" y="{textY}">{Html.Encode(row.ShortLabel)}</text>""");
        if (value is { } shown)
        {
            // A zero (TBT often is) still gets a sliver, so every value has a visible bar.
            var width = Percent(Math.Clamp(shown / scale, MinimumBar, 1));
            html.Append(CultureInfo.InvariantCulture, $"""<rect class="bar {rating.CssClass()}" x="0" y="{top + BarY}" width="{width}" height="{BarHeight}" rx="3"/>""");
            html.Append(CultureInfo.InvariantCulture, $"""<text class="value" x="100%" y="{textY}" text-anchor="end">{Html.Encode(ValueText(metric, shown, rating))}</text>""");
        }
        else
        {
            html.Append(CultureInfo.InvariantCulture, $"""<text class="value none" x="100%" y="{textY}" text-anchor="end">—</text>""");
        }

        WriteBoundTicks(html, metric, scale, top);
        html.Append("</g>");
    }

    private static void WriteBoundTicks(StringBuilder html, ReportMetric metric, double scale, int top)
    {
        if (metric.Thresholds is not { } bounds)
        {
            return;
        }

        foreach (var bound in new[] { bounds.Good, bounds.NeedsImprovement })
        {
            var x = Percent(Math.Min(bound / scale, 1));
            html.Append(CultureInfo.InvariantCulture, $"""<line class="bound" x1="{x}" y1="{top + BarY - 2}" x2="{x}" y2="{top + BarY + BarHeight + 2}"/>""");
        }
    }

    private static string ValueText(ReportMetric metric, double value, Rating? rating) =>
        rating is { } r ? $"{metric.Format(value)} {r.Symbol()} {r.Label()}" : metric.Format(value);

    private static string Tooltip(ReportMetric metric, ReportRow row, double? value, Rating? rating)
    {
        var place = $"{row.Region} ({row.Place})";
        return value switch
        {
            null => $"{place}: no {metric.ShortName} ({row.Status.Label()})",
            { } v when rating is { } r => $"{place}: {metric.ShortName} {metric.Format(v)}, {r.Label()}",
            { } v => $"{place}: {metric.ShortName} {metric.Format(v)}",
        };
    }

    private static string Percent(double fraction) => (fraction * 100).ToString("0.##", CultureInfo.InvariantCulture) + "%";
}

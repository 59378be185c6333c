using System.Globalization;
using System.Text;
using Meridian.Contract.Jobs;
using Meridian.Core.Audits;
using Meridian.Core.Audits.Api;
using Meridian.Core.Audits.Orchestration;
using Meridian.Core.Regions;

namespace Meridian.Core.Reports;

/// <summary>
/// An audit as one self-contained HTML page: the audit's facts, the figures across regions, a table
/// with a row per region and a bar chart per main metric. Nothing is loaded from anywhere (inline CSS
/// and SVG, no script), so the file can be opened from disk, mailed or stored next to the results.
/// Every piece of data is HTML-encoded; numbers are formatted in the invariant culture.
/// </summary>
public static class AuditReportPage
{
    private const string Dash = "<span class=\"none\">—</span>";

    /// <summary>A metric cell without a value: a dash where the value would be.</summary>
    private const string NoValue = "<span class=\"value none\">—</span>";

    /// <summary>The page for a running, finished or failed audit; a finished one shows its report's outcomes and aggregates.</summary>
    public static string Render(AuditView state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var rows = ReportRow.From(state);
        var aggregates = state.Report?.Aggregates ?? AuditReportBuilder.Aggregate([.. rows.Select(row => row.ToOutcome())]);

        var html = new StringBuilder(32 * 1024);
        WriteHead(html, state);
        html.Append("<body>");
        WriteHeader(html, state);
        html.Append("<main>");
        WriteSummary(html, rows, aggregates);
        WriteRegionTable(html, state, rows);
        WriteCharts(html, rows);
        WriteWarnings(html, state.Report?.Warnings ?? []);
        html.Append("</main>");
        html.Append("<footer>Meridian audit report. Times are UTC. Each region's figures are those of its median Lighthouse run.</footer>");
        html.Append("</body></html>\n");
        return html.ToString();
    }

    /// <summary>The page for an id that names no audit: says so in the browser, instead of a blank 404.</summary>
    public static string RenderNotFound(string auditId) =>
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        + "<meta name=\"color-scheme\" content=\"light dark\"><link rel=\"icon\" href=\"data:,\">"
        + "<title>Meridian: no such audit</title><style>" + ReportStyles.Css + "</style></head><body>"
        + "<header><p class=\"kicker\">Meridian performance audit</p><h1>No such audit</h1></header><main>"
        + $"<p>There is no audit with the id <code>{Html.Encode(auditId.Length > 64 ? auditId[..64] + "…" : auditId)}</code>. "
        + "Audit ids are 32 lower-case hex digits, as <code>POST /api/audits</code> returned them; "
        + "<code>GET /api/audits</code> lists the recent ones.</p></main></body></html>\n";

    private static void WriteHead(StringBuilder html, AuditView state)
    {
        html.Append("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">");
        html.Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
        html.Append("<meta name=\"color-scheme\" content=\"light dark\">");
        // An empty inline icon: without one, a browser asks the server for /favicon.ico (a 404 in the console).
        html.Append("<link rel=\"icon\" href=\"data:,\">");
        html.Append(CultureInfo.InvariantCulture, $"<title>Meridian report: {Html.Encode(state.Url)} (audit {Html.Encode(state.AuditId)})</title>");
        html.Append("<style>").Append(ReportStyles.Css).Append("</style></head>");
    }

    private static void WriteHeader(StringBuilder html, AuditView state)
    {
        html.Append("<header><p class=\"kicker\">Meridian performance audit</p>");
        html.Append(CultureInfo.InvariantCulture, $"<h1 id=\"audit-url\">{UrlLink(state.Url)}</h1>");
        html.Append("<dl class=\"facts\">");
        Fact(html, "Audit", $"<span class=\"code\" id=\"audit-id\">{Html.Encode(state.AuditId)}</span>");
        Fact(html, "Created", Time(state.CreatedAt));
        Fact(html, "Form factor", state.FormFactor == FormFactor.Desktop ? "Desktop" : "Mobile");
        Fact(html, "Runs per region", state.Runs.ToString(CultureInfo.InvariantCulture));
        Fact(html, "Status", $"<span id=\"audit-status\" data-status=\"{Html.Encode(state.Status)}\">{Html.Encode(StatusText(state))}</span>");
        if (state.Report is { } report)
        {
            Fact(html, "Finished", Time(new DateTimeOffset(DateTime.SpecifyKind(report.CompletedAt, DateTimeKind.Utc))));
            Fact(html, "Wall time", report.WallTimeSeconds.ToString("#,0", CultureInfo.InvariantCulture) + " s");
        }

        if (state.MonitorId is { } monitorId)
        {
            Fact(html, "Monitor", $"<span class=\"code\">{Html.Encode(monitorId)}</span>");
        }

        html.Append("</dl>");
        if (state.Failure is { } failure)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p class=\"notice\" id=\"audit-failure\"><strong>The audit failed:</strong> {Html.Encode(failure)}</p>");
        }

        html.Append("</header>");
    }

    /// <summary>The URL as text, and as a link only when it is http(s): a stored URL is data like any other.</summary>
    private static string UrlLink(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? $"<a href=\"{Html.Encode(uri.AbsoluteUri)}\" rel=\"noopener noreferrer\">{Html.Encode(url)}</a>"
            : Html.Encode(url);

    private static string StatusText(AuditView state) => (state.Status, state.Phase) switch
    {
        ("running", AuditProgressPhase.CollectingLateResults) => "Running: collecting late results",
        ("running", AuditProgressPhase.StoringReport) => "Running: storing the report",
        ("running", _) => "Running: regions reporting",
        ("completed", _) => "Completed",
        ("failed", _) => "Failed",
        (var status, _) => status,
    };

    private static void WriteSummary(StringBuilder html, IReadOnlyList<ReportRow> rows, AuditAggregates aggregates)
    {
        html.Append("<section id=\"summary\" aria-labelledby=\"summary-heading\"><h2 id=\"summary-heading\">Summary</h2><dl class=\"cards\">");
        var median = aggregates.MedianPerformanceScore;
        Card(html, "median-score", "Median score", median is { } score ? Rated(ReportMetrics.Score, score) : Dash, "of the completed regions");
        Card(html, "fastest-region", "Fastest region (LCP)", RegionFigure(rows, aggregates.FastestRegion), null);
        Card(html, "slowest-region", "Slowest region (LCP)", RegionFigure(rows, aggregates.SlowestRegion), null);
        Card(html, "count-completed", "Completed", Count(aggregates.Completed), null);
        Card(html, "count-failed", "Failed", Count(aggregates.Failed), null);
        Card(html, "count-timed-out", "Timed out", Count(aggregates.TimedOut), null);
        Card(html, "count-unavailable", "Unavailable", Count(aggregates.Unavailable), null);
        var waiting = rows.Count(row => !row.Status.IsFinal());
        if (waiting > 0)
        {
            Card(html, "count-waiting", "Still running", Count(waiting), "pending or running");
        }

        html.Append("</dl></section>");
    }

    private static string Count(int count) => count.ToString(CultureInfo.InvariantCulture);

    private static string RegionFigure(IReadOnlyList<ReportRow> rows, string? region)
    {
        if (region is null)
        {
            return Dash;
        }

        var row = rows.FirstOrDefault(r => r.Region == region) ?? new ReportRow(region, RegionStatus.Completed, null, null);
        var lcp = row.Value(ReportMetrics.LargestContentfulPaint);
        var detail = lcp is { } value ? $"{row.Place}, LCP {ReportMetrics.LargestContentfulPaint.Format(value)}" : row.Place;
        return $"<span class=\"code\">{Html.Encode(row.Region)}</span><small>{Html.Encode(detail)}</small>";
    }

    private static void WriteRegionTable(StringBuilder html, AuditView state, IReadOnlyList<ReportRow> rows)
    {
        html.Append("<section id=\"regions\" aria-labelledby=\"regions-heading\"><h2 id=\"regions-heading\">Regions</h2>");
        html.Append("<div class=\"table-wrap\"><table id=\"region-table\"><thead><tr><th scope=\"col\">Region</th><th scope=\"col\">Status</th>");
        foreach (var metric in ReportMetrics.InTable)
        {
            html.Append(CultureInfo.InvariantCulture, $"<th scope=\"col\" class=\"num\"><abbr title=\"{metric.Name}\">{metric.ShortName}</abbr></th>");
        }

        html.Append("<th scope=\"col\" class=\"num\">Runs</th><th scope=\"col\" class=\"num\">Score spread</th></tr></thead><tbody>");
        foreach (var row in rows)
        {
            WriteRegionRow(html, state, row);
        }

        html.Append("</tbody></table></div>");
        html.Append("<p class=\"legend\">● good, ■ needs improvement, ▲ poor: Lighthouse's bands (score ≥ 90 / ≥ 50; LCP ≤ 2,500 / 4,000 ms; ");
        html.Append("FCP ≤ 1,800 / 3,000 ms; TBT ≤ 200 / 600 ms; CLS ≤ 0.1 / 0.25; TTFB ≤ 800 / 1,800 ms). Speed Index is not rated. ");
        html.Append("Score spread: lowest and highest score across the region's runs.</p></section>");
    }

    private static void WriteRegionRow(StringBuilder html, AuditView state, ReportRow row)
    {
        html.Append(CultureInfo.InvariantCulture, $"<tr data-region=\"{Html.Encode(row.Region)}\" data-status=\"{row.Status.Id()}\">");
        html.Append(CultureInfo.InvariantCulture, $"<th scope=\"row\"><span class=\"code\">{Html.Encode(row.Region)}</span><span class=\"place\">{Html.Encode(row.Place)}</span></th>");
        html.Append(CultureInfo.InvariantCulture, $"<td class=\"status {row.Status.CssClass()}\" data-column=\"status\"><span class=\"status-label\">{row.Status.Label()}</span>{Reason(row)}</td>");
        foreach (var metric in ReportMetrics.InTable)
        {
            var value = row.Value(metric);
            var rating = value is { } v ? metric.Rate(v) : null;
            html.Append(CultureInfo.InvariantCulture, $"<td class=\"num {rating.CssClass()}\" data-metric=\"{metric.Id}\">{(value is { } shown ? Rated(metric, shown) : NoValue)}</td>");
        }

        html.Append(CultureInfo.InvariantCulture, $"<td class=\"num nowrap\" data-column=\"runs\">{Runs(state, row)}</td>");
        html.Append(CultureInfo.InvariantCulture, $"<td class=\"num nowrap\" data-column=\"spread\">{Spread(row)}</td>");
        html.Append("</tr>");
    }

    /// <summary>
    /// Why a region has no result, under its status (completed regions have nothing to explain). The
    /// text comes from the audited page: dir="auto" isolates it, so right-to-left text in it cannot
    /// reorder the cells around it.
    /// </summary>
    private static string Reason(ReportRow row) =>
        row.Status != RegionStatus.Completed && !string.IsNullOrWhiteSpace(row.Reason)
            ? $"<span class=\"reason\" dir=\"auto\">{Html.Encode(row.Reason)}</span>"
            : string.Empty;

    /// <summary>A value with its rating as a shape and a word (never colour alone).</summary>
    private static string Rated(ReportMetric metric, double value)
    {
        var text = $"<span class=\"value\">{Html.Encode(metric.Format(value))}</span>";
        return metric.Rate(value) is { } rating
            ? $"{text}<span class=\"rating {rating.CssClass()}\">{rating.Symbol()} {rating.Label()}</span>"
            : text;
    }

    // A running audit's summary has only its headline numbers (no runs yet).
    private static string Runs(AuditView state, ReportRow row) =>
        row.Summary is { RunsCompleted: > 0 } summary
            ? $"{summary.RunsCompleted.ToString(CultureInfo.InvariantCulture)} of {state.Runs.ToString(CultureInfo.InvariantCulture)}"
            : Dash;

    private static string Spread(ReportRow row) =>
        row.Summary is { ScoreMin: { } min, ScoreMax: { } max }
            ? $"{ReportMetrics.FormatScore(min)}–{ReportMetrics.FormatScore(max)}"
            : Dash;

    private static void WriteCharts(StringBuilder html, IReadOnlyList<ReportRow> rows)
    {
        html.Append("<section id=\"charts\" aria-labelledby=\"charts-heading\"><h2 id=\"charts-heading\">Main metrics per region</h2><div class=\"charts\">");
        foreach (var metric in ReportMetrics.Charted)
        {
            BarChart.Write(html, metric, rows);
        }

        html.Append("</div></section>");
    }

    private static void WriteWarnings(StringBuilder html, IReadOnlyList<string> warnings)
    {
        if (warnings.Count == 0)
        {
            return;
        }

        html.Append("<section id=\"warnings\" aria-labelledby=\"warnings-heading\"><h2 id=\"warnings-heading\">Warnings</h2><ul>");
        foreach (var warning in warnings)
        {
            html.Append(CultureInfo.InvariantCulture, $"<li>{Html.Encode(warning)}</li>");
        }

        html.Append("</ul></section>");
    }

    private static void Fact(StringBuilder html, string name, string valueHtml) =>
        html.Append(CultureInfo.InvariantCulture, $"<div><dt>{name}</dt><dd>{valueHtml}</dd></div>");

    private static void Card(StringBuilder html, string id, string name, string valueHtml, string? note)
    {
        var noteHtml = note is null ? string.Empty : $"<small>{note}</small>";
        html.Append(CultureInfo.InvariantCulture, $"<div class=\"card\" id=\"{id}\"><dt>{name}</dt><dd>{valueHtml}{noteHtml}</dd></div>");
    }

    private static string Time(DateTimeOffset time)
    {
        var iso = time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        return $"<time datetime=\"{iso}\">{iso}</time>";
    }
}

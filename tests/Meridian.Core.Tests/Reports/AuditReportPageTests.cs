using System.Globalization;
using System.Text.RegularExpressions;
using Meridian.Core.Audits;
using Meridian.Core.Audits.Orchestration;
using Meridian.Core.Machines.Fly;
using Meridian.Core.Reports;
using Meridian.Testing.Audits;

namespace Meridian.Core.Tests.Reports;

public partial class AuditReportPageTests
{
    private const string Hostile = "<script>alert(1)</script>";

    private static readonly string[] SixRegions = ["iad", "lhr", "syd", "gru", "sin", "jnb"];
    private static readonly string[] CompletedRegions = ["iad", "lhr", "syd"];
    private static readonly string[] EndedWithoutResult = ["gru", "sin", "jnb"];
    private static readonly string[] CountCards = ["count-completed", "count-failed", "count-timed-out", "count-unavailable"];

    [Fact]
    public void Page_is_one_html5_document_in_english_and_utf8_readable_in_light_and_dark()
    {
        var html = AuditReportPage.Render(AuditViewBuilder.SixRegions().BuildCompleted());

        Assert.StartsWith("<!doctype html>", html, StringComparison.Ordinal);
        Assert.Contains("<html lang=\"en\">", html, StringComparison.Ordinal);
        Assert.Contains("<meta charset=\"utf-8\">", html, StringComparison.Ordinal);
        Assert.Contains("name=\"viewport\"", html, StringComparison.Ordinal);
        Assert.Contains("@media (prefers-color-scheme: dark)", html, StringComparison.Ordinal);
        Assert.Single(Regex.Matches(html, "<html"));
    }

    [Fact]
    public void Title_names_the_url_and_the_audit_id()
    {
        var html = AuditReportPage.Render(AuditViewBuilder.SixRegions().BuildCompleted());

        Assert.Contains($"<title>Meridian report: https://shop.example/products?id=42 (audit {AuditViewBuilder.AuditId})</title>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Header_gives_the_creation_time_in_utc_iso_form_the_form_factor_runs_and_status()
    {
        var html = AuditReportPage.Render(AuditViewBuilder.SixRegions().WithRuns(5).BuildCompleted());

        Assert.Contains("<time datetime=\"2026-11-23T12:00:00Z\">2026-11-23T12:00:00Z</time>", html, StringComparison.Ordinal);
        Assert.Contains("<dt>Form factor</dt><dd>Mobile</dd>", html, StringComparison.Ordinal);
        Assert.Contains("<dt>Runs per region</dt><dd>5</dd>", html, StringComparison.Ordinal);
        Assert.Contains("data-status=\"completed\">Completed</span>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_region_appears_once_in_the_table_in_the_reports_order()
    {
        var html = AuditReportPage.Render(AuditViewBuilder.SixRegions().BuildCompleted());

        var rows = TableRows().Matches(html).Select(m => m.Groups["region"].Value).ToList();

        Assert.Equal(SixRegions, rows);
    }

    [Fact]
    public void Rows_name_the_city_and_country_and_say_how_each_region_ended()
    {
        var html = AuditReportPage.Render(AuditViewBuilder.SixRegions().BuildCompleted());

        Assert.Contains("<span class=\"place\">São Paulo, Brazil</span>", Row(html, "gru"), StringComparison.Ordinal);
        Assert.Equal(
            ["completed", "completed", "completed", "failed", "timed-out", "unavailable"],
            TableRows().Matches(html).Select(m => m.Groups["status"].Value));
        Assert.Equal("Timed out", Text(Cell(Row(html, "sin"), "data-column", "status"), "status-label"));
    }

    [Fact]
    public void Region_code_the_catalog_does_not_know_is_still_shown()
    {
        var state = new AuditViewBuilder().Completed("xyz", AuditViewBuilder.Summary()).BuildCompleted();

        var row = Row(AuditReportPage.Render(state), "xyz");

        Assert.Contains("<span class=\"code\">xyz</span><span class=\"place\">Unknown region</span>", row, StringComparison.Ordinal);
    }

    [Fact]
    public void Metrics_are_formatted_as_lighthouse_shows_them()
    {
        var row = Row(AuditReportPage.Render(AuditViewBuilder.SixRegions().BuildCompleted()), "iad");

        Assert.Equal("94", CellValue(row, "score"));
        Assert.Equal("1,235 ms", CellValue(row, "lcp"));
        Assert.Equal("820 ms", CellValue(row, "fcp"));
        Assert.Equal("40 ms", CellValue(row, "tbt"));
        Assert.Equal("0.012", CellValue(row, "cls"));
        Assert.Equal("180 ms", CellValue(row, "ttfb"));
        Assert.Equal("1,510 ms", CellValue(row, "si"));
        Assert.Equal("3 of 3", Text(Cell(row, "data-column", "runs")));
        Assert.Equal("91–96", Text(Cell(row, "data-column", "spread")));
    }

    [Theory]
    [InlineData(1234.5, "1,235 ms")]
    [InlineData(999.4, "999 ms")]
    [InlineData(0, "0 ms")]
    [InlineData(12345.6, "12,346 ms")]
    public void Milliseconds_are_whole_with_a_thousands_separator(double value, string expected) =>
        Assert.Equal(expected, ReportMetrics.FormatMilliseconds(value));

    [Theory]
    [InlineData(0.1, "0.100")]
    [InlineData(0.0123, "0.012")]
    [InlineData(0.0125, "0.013")]
    [InlineData(1.5, "1.500")]
    public void Layout_shift_has_three_decimals(double value, string expected) =>
        Assert.Equal(expected, ReportMetrics.FormatShift(value));

    [Theory]
    [InlineData(0.94, "94")]
    [InlineData(0.995, "100")]
    [InlineData(0.0, "0")]
    [InlineData(1.0, "100")]
    public void Score_is_shown_from_0_to_100(double value, string expected) =>
        Assert.Equal(expected, ReportMetrics.FormatScore(value));

    [Fact]
    public void Numbers_do_not_follow_the_current_culture()
    {
        var culture = (CultureInfo)CultureInfo.InvariantCulture.Clone();
        culture.NumberFormat.NumberDecimalSeparator = ",";
        culture.NumberFormat.NumberGroupSeparator = ".";
        var previous = CultureInfo.CurrentCulture;
        string html;
        try
        {
            CultureInfo.CurrentCulture = culture;
            html = AuditReportPage.Render(AuditViewBuilder.SixRegions().BuildCompleted());
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }

        Assert.Equal("1,235 ms", CellValue(Row(html, "iad"), "lcp"));
        Assert.Equal("0.012", CellValue(Row(html, "iad"), "cls"));
    }

    [Theory]
    [InlineData("score", 0.9, "good")]
    [InlineData("score", 0.89, "needs improvement")]
    [InlineData("score", 0.5, "needs improvement")]
    [InlineData("score", 0.49, "poor")]
    [InlineData("lcp", 2500, "good")]
    [InlineData("lcp", 2501, "needs improvement")]
    [InlineData("lcp", 4000, "needs improvement")]
    [InlineData("lcp", 4001, "poor")]
    [InlineData("tbt", 200, "good")]
    [InlineData("tbt", 600, "needs improvement")]
    [InlineData("tbt", 601, "poor")]
    [InlineData("cls", 0.1, "good")]
    [InlineData("cls", 0.25, "needs improvement")]
    [InlineData("cls", 0.26, "poor")]
    [InlineData("ttfb", 800, "good")]
    [InlineData("ttfb", 1800, "needs improvement")]
    [InlineData("ttfb", 1801, "poor")]
    public void Metrics_are_rated_by_lighthouses_bands(string metricId, double value, string expected)
    {
        var metric = ReportMetrics.InTable.Single(m => m.Id == metricId);

        Assert.Equal(expected, metric.Rate(value)?.Label());
    }

    [Fact]
    public void Ratings_are_written_in_words_not_only_coloured()
    {
        var html = AuditReportPage.Render(AuditViewBuilder.SixRegions().BuildCompleted());

        Assert.Equal("● good", Text(Cell(Row(html, "iad"), "data-metric", "lcp"), "rating"));
        Assert.Equal("■ needs improvement", Text(Cell(Row(html, "lhr"), "data-metric", "lcp"), "rating"));
        Assert.Equal("▲ poor", Text(Cell(Row(html, "syd"), "data-metric", "lcp"), "rating"));
        Assert.Contains("class=\"num poor\" data-metric=\"cls\"", Row(html, "syd"), StringComparison.Ordinal);
    }

    [Fact]
    public void Regions_that_did_not_complete_show_a_dash_and_their_reason()
    {
        var row = Row(AuditReportPage.Render(AuditViewBuilder.SixRegions().BuildCompleted()), "jnb");

        Assert.All(ReportMetrics.InTable, metric => Assert.Equal("—", Text(Cell(row, "data-metric", metric.Id))));
        Assert.Equal("Fly could not place a machine in jnb: insufficient capacity.", Text(Cell(row, "data-column", "status"), "reason"));
    }

    [Fact]
    public void Summary_shows_the_reports_aggregates()
    {
        var html = AuditReportPage.Render(AuditViewBuilder.SixRegions().BuildCompleted());

        Assert.Equal("71■ needs improvementof the completed regions", Text(Card(html, "median-score")));
        Assert.StartsWith("iadAshburn, United States, LCP 1,235 ms", Text(Card(html, "fastest-region")), StringComparison.Ordinal);
        Assert.StartsWith("sydSydney, Australia, LCP 5,120 ms", Text(Card(html, "slowest-region")), StringComparison.Ordinal);
        Assert.Equal(
            ["3", "1", "1", "1"],
            CountCards.Select(id => Text(Card(html, id))));
        Assert.DoesNotContain("count-waiting", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Each_main_metric_has_a_chart_with_a_bar_and_a_value_per_region_that_has_one()
    {
        var html = AuditReportPage.Render(AuditViewBuilder.SixRegions().BuildCompleted());

        Assert.Equal(["score", "lcp", "tbt", "cls", "ttfb"], ReportMetrics.Charted.Select(m => m.Id));
        foreach (var metric in ReportMetrics.Charted)
        {
            var chart = Chart(html, metric.Id);
            var bars = ChartRows().Matches(chart).ToDictionary(m => m.Groups["region"].Value, m => m.Groups["body"].Value);
            Assert.Equal(SixRegions, bars.Keys);
            Assert.All(CompletedRegions, region => Assert.Contains("<rect class=\"bar ", bars[region], StringComparison.Ordinal));
            Assert.All(EndedWithoutResult, region =>
            {
                Assert.DoesNotContain("<rect class=\"bar ", bars[region], StringComparison.Ordinal);
                Assert.Contains(">—</text>", bars[region], StringComparison.Ordinal);
            });
        }

        Assert.Contains(">1,235 ms ● good</text>", Chart(html, "lcp"), StringComparison.Ordinal);
        Assert.Contains("<title>iad (Ashburn, United States): LCP 1,235 ms, good</title>", Chart(html, "lcp"), StringComparison.Ordinal);
    }

    [Fact]
    public void Hostile_url_reasons_region_codes_warnings_and_failures_are_encoded()
    {
        var state = new AuditViewBuilder()
            .WithUrl("https://evil.example/" + Hostile + "?q=\"><img src=x onerror=alert(1)>")
            .Completed("iad", AuditViewBuilder.Summary())
            .Ended("lhr", RegionStatus.Failed, "Page error: " + Hostile)
            .Ended("\"><script>alert(2)</script>", RegionStatus.Failed, "'onmouseover='alert(3)")
            .WithWarning(Hostile)
            .BuildCompleted() with { Failure = Hostile };

        var html = AuditReportPage.Render(state);

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("'onmouseover='", html, StringComparison.Ordinal);
        Assert.Contains("Page error: &lt;script&gt;alert(1)&lt;/script&gt;", html, StringComparison.Ordinal);
        Assert.Contains("data-region=\"&quot;&gt;&lt;script&gt;alert(2)&lt;/script&gt;\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Bidi_controls_and_control_characters_from_the_audited_page_are_neutralised()
    {
        var state = new AuditViewBuilder()
            .WithUrl("https://evil.example/\u202Egnp.exe")
            .Completed("iad", AuditViewBuilder.Summary())
            .Ended("lhr", RegionStatus.Failed, "Page error: \u202Edetaliaf\u0000 at\nline 2\u2066x\u2069\u001b[31m")
            .BuildCompleted();

        var html = AuditReportPage.Render(state);

        Assert.Equal("Page error: detaliaf at line 2x[31m", Text(Cell(Row(html, "lhr"), "data-column", "status"), "reason"));
        Assert.DoesNotContain(html, c => c is '\u202E' or '\u2066' or '\u2069' or '\0' or '\u001b');
        Assert.DoesNotContain("&#x202E;", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("class=\"reason\" dir=\"auto\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Url_that_is_not_http_is_shown_but_not_linked()
    {
        var html = AuditReportPage.Render(new AuditViewBuilder().WithUrl("javascript:alert(1)").Completed("iad", AuditViewBuilder.Summary()).BuildCompleted());

        Assert.DoesNotContain("href=\"javascript:", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("<h1 id=\"audit-url\">javascript:alert(1)</h1>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Running_audit_without_a_report_shows_finished_and_waiting_regions()
    {
        var state = new AuditViewBuilder()
            .Completed("iad", AuditViewBuilder.Summary(score: 0.88))
            .Waiting("lhr", RegionStatus.Running)
            .Waiting("syd")
            .BuildRunning(AuditProgressPhase.Running);

        var html = AuditReportPage.Render(state);

        Assert.Equal(["completed", "running", "pending"], TableRows().Matches(html).Select(m => m.Groups["status"].Value));
        Assert.Contains("Running: regions reporting", html, StringComparison.Ordinal);
        Assert.StartsWith("88", Text(Card(html, "median-score")), StringComparison.Ordinal);
        Assert.StartsWith("2", Text(Card(html, "count-waiting")), StringComparison.Ordinal);
        Assert.Equal("—", Text(Cell(Row(html, "syd"), "data-metric", "lcp")));
        Assert.Equal("Pending", Text(Cell(Row(html, "syd"), "data-column", "status")));
    }

    [Fact]
    public void Audit_that_failed_says_why()
    {
        var html = AuditReportPage.Render(new AuditViewBuilder().Waiting("iad").BuildFailed("The orchestration stopped: storage unreachable."));

        Assert.Contains("<strong>The audit failed:</strong> The orchestration stopped: storage unreachable.", html, StringComparison.Ordinal);
        Assert.Contains("—", Text(Card(html, "median-score")), StringComparison.Ordinal);
    }

    [Fact]
    public void Page_loads_nothing_from_anywhere()
    {
        var html = AuditReportPage.Render(AuditViewBuilder.SixRegions().BuildCompleted());

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        // One link: an empty inline icon, so that browsers do not ask the server for /favicon.ico.
        Assert.Equal(["<link rel=\"icon\" href=\"data:,\">"], Regex.Matches(html, "<link[^>]*>", RegexOptions.IgnoreCase).Select(m => m.Value));
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<iframe", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("src=", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("url(", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("@import", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("@font-face", html, StringComparison.OrdinalIgnoreCase);

        // The only absolute addresses are the audited URL, as text and as the heading's link.
        var withoutTheAuditedUrl = html.Replace("https://shop.example/products?id=42", string.Empty, StringComparison.Ordinal);
        Assert.DoesNotContain("http://", withoutTheAuditedUrl, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("https://", withoutTheAuditedUrl, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(3, Regex.Count(html, Regex.Escape("https://shop.example/products?id=42")));
    }

    [Fact]
    public void Report_warnings_are_listed()
    {
        var html = AuditReportPage.Render(AuditViewBuilder.SixRegions().WithWarning("Machine m-gru could not be destroyed.").BuildCompleted());

        Assert.Contains("<li>Machine m-gru could not be destroyed.</li>", html, StringComparison.Ordinal);
    }

    private static string Row(string html, string region) =>
        TableRows().Matches(html).Single(m => m.Groups["region"].Value == region).Groups["body"].Value;

    private static string Cell(string row, string attribute, string name) =>
        Regex.Match(row, $"<td[^>]*{attribute}=\"{name}\"[^>]*>(?<body>.*?)</td>", RegexOptions.Singleline).Groups["body"].Value;

    private static string CellValue(string row, string metric) => Text(Cell(row, "data-metric", metric), "value");

    /// <summary>The value of a summary card (without its name).</summary>
    private static string Card(string html, string id) =>
        Regex.Match(html, $"<div class=\"card\" id=\"{id}\"><dt>.*?</dt><dd>(?<body>.*?)</dd></div>", RegexOptions.Singleline).Groups["body"].Value;

    private static string Chart(string html, string metric) =>
        Regex.Match(html, $"<svg data-metric=\"{metric}\".*?</svg>", RegexOptions.Singleline).Value;

    /// <summary>The text of a fragment, or of its first span with the given class.</summary>
    private static string Text(string fragment, string? spanClass = null)
    {
        var part = spanClass is null
            ? fragment
            : Regex.Match(fragment, $"<span class=\"{spanClass}[^\"]*\"[^>]*>(?<text>.*?)</span>").Groups["text"].Value;
        return System.Net.WebUtility.HtmlDecode(TagPattern().Replace(part, string.Empty));
    }

    [GeneratedRegex("<tr data-region=\"(?<region>[^\"]*)\" data-status=\"(?<status>[^\"]*)\">(?<body>.*?)</tr>", RegexOptions.Singleline)]
    private static partial Regex TableRows();

    [GeneratedRegex("<g class=\"row\" data-region=\"(?<region>[^\"]*)\"[^>]*>(?<body>.*?)</g>", RegexOptions.Singleline)]
    private static partial Regex ChartRows();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex TagPattern();
}

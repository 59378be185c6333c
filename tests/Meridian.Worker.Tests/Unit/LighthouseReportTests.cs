using System.Text;
using Meridian.Contract.Jobs;
using Meridian.Worker.Lighthouse;

namespace Meridian.Worker.Tests.Unit;

public class LighthouseReportTests
{
    /// <summary>The paths DESIGN.md lists, as a real mobile run lays them out (other fields trimmed).</summary>
    private const string FullReport = """
        {
          "lighthouseVersion": "12.8.2",
          "requestedUrl": "https://shop.example/",
          "mainDocumentUrl": "https://shop.example/home",
          "finalDisplayedUrl": "https://shop.example/home",
          "fetchTime": "2026-11-23T12:03:04.567Z",
          "runWarnings": ["The page loaded too slowly to finish within the time limit.", "Chrome extensions negatively affected this page's load performance."],
          "environment": { "networkUserAgent": "Mozilla/5.0", "hostUserAgent": "Mozilla/5.0", "benchmarkIndex": 1587.5 },
          "configSettings": { "formFactor": "mobile", "throttlingMethod": "simulate", "onlyCategories": ["performance"] },
          "audits": {
            "first-contentful-paint": { "id": "first-contentful-paint", "score": 0.9, "numericValue": 1234.5, "numericUnit": "millisecond" },
            "largest-contentful-paint": { "id": "largest-contentful-paint", "score": 0.8, "numericValue": 2345.25, "numericUnit": "millisecond" },
            "total-blocking-time": { "id": "total-blocking-time", "score": 1, "numericValue": 56, "numericUnit": "millisecond" },
            "cumulative-layout-shift": { "id": "cumulative-layout-shift", "score": 1, "numericValue": 0.0123, "numericUnit": "unitless" },
            "speed-index": { "id": "speed-index", "score": 0.95, "numericValue": 1987.75, "numericUnit": "millisecond" },
            "interactive": { "id": "interactive", "score": 0.7, "numericValue": 4321, "numericUnit": "millisecond" },
            "server-response-time": { "id": "server-response-time", "score": 1, "numericValue": 87.6, "numericUnit": "millisecond" }
          },
          "categories": { "performance": { "id": "performance", "title": "Performance", "score": 0.87 } }
        }
        """;

    private static readonly LighthouseMetrics NoMetrics = new(null, null, null, null, null, null, null);

    /// <summary>What a report that holds nothing usable reads as.</summary>
    private static readonly LighthouseReport NothingRead = new("unknown", null, null, null, null, null, null, NoMetrics, []);

    /// <summary>Records compare lists by reference: the warnings are compared apart, by content.</summary>
    private static void AssertReport(LighthouseReport expected, LighthouseReport actual)
    {
        Assert.Equal(expected.RunWarnings, actual.RunWarnings);
        Assert.Equal(expected with { RunWarnings = actual.RunWarnings }, actual);
    }

    [Fact]
    public void Full_report_is_read_into_every_field()
    {
        var report = LighthouseReport.Parse(FullReport);

        var expected = new LighthouseReport(
            "12.8.2",
            new DateTimeOffset(2026, 11, 23, 12, 3, 4, 567, TimeSpan.Zero),
            "https://shop.example/home",
            RuntimeError: null,
            BenchmarkIndex: 1587.5,
            FormFactor: "mobile",
            PerformanceScore: 0.87,
            new LighthouseMetrics(1234.5, 2345.25, 56, 0.0123, 1987.75, 4321, 87.6),
            ["The page loaded too slowly to finish within the time limit.", "Chrome extensions negatively affected this page's load performance."]);
        AssertReport(expected, report);
    }

    [Fact]
    public void Report_read_from_a_stream_is_the_same_as_from_text()
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(FullReport));

        var fromStream = LighthouseReport.Parse(stream);

        AssertReport(LighthouseReport.Parse(FullReport), fromStream);
    }

    [Fact]
    public void Runtime_error_keeps_its_code_and_message()
    {
        var report = LighthouseReport.Parse("""
            {
              "lighthouseVersion": "12.8.2",
              "runtimeError": { "code": "ERRORED_DOCUMENT_REQUEST", "message": "Lighthouse was unable to reliably load the page you requested. (Status code: 404)" },
              "audits": {},
              "categories": { "performance": { "score": null } }
            }
            """);

        Assert.Equal(
            new LighthouseRuntimeError("ERRORED_DOCUMENT_REQUEST", "Lighthouse was unable to reliably load the page you requested. (Status code: 404)"),
            report.RuntimeError);
    }

    [Fact]
    public void Runtime_error_without_code_or_message_still_counts_as_an_error()
    {
        var report = LighthouseReport.Parse("""{ "lighthouseVersion": "12.8.2", "runtimeError": {} }""");

        Assert.Equal(new LighthouseRuntimeError("UNKNOWN", "Lighthouse reported a runtime error."), report.RuntimeError);
    }

    [Fact]
    public void Report_without_runtime_error_has_none()
    {
        Assert.Null(LighthouseReport.Parse(FullReport).RuntimeError);
    }

    [Fact]
    public void Null_performance_score_is_read_as_null()
    {
        var report = Lhr.Full().Score(null).Parse();

        Assert.Null(report.PerformanceScore);
    }

    [Fact]
    public void Report_without_audits_has_no_metrics()
    {
        var report = LighthouseReport.Parse("""{ "lighthouseVersion": "12.8.2", "categories": { "performance": { "score": 0.5 } } }""");

        Assert.Equal(NoMetrics, report.Metrics);
    }

    [Fact]
    public void Audit_left_out_of_the_report_is_a_null_metric_and_the_others_are_kept()
    {
        var report = Lhr.Full(fcp: 1200, tti: 3400).Without(Lhr.LargestContentfulPaint).Parse();

        Assert.Null(report.Metrics.LargestContentfulPaintMs);
        Assert.Equal(1200, report.Metrics.FirstContentfulPaintMs);
    }

    [Fact]
    public void Empty_report_gets_placeholders_and_nulls()
    {
        var report = LighthouseReport.Parse("{}");

        AssertReport(NothingRead, report);
    }

    [Fact]
    public void Fields_of_the_wrong_json_type_are_read_as_missing_not_thrown()
    {
        var report = LighthouseReport.Parse("""
            {
              "lighthouseVersion": 12,
              "fetchTime": 1795000000000,
              "finalDisplayedUrl": ["https://shop.example/"],
              "runtimeError": "NO_FCP",
              "runWarnings": "one warning",
              "environment": { "benchmarkIndex": "1587" },
              "configSettings": { "formFactor": true },
              "audits": {
                "first-contentful-paint": { "numericValue": "1234" },
                "largest-contentful-paint": 2345,
                "total-blocking-time": { "numericValue": null },
                "cumulative-layout-shift": { "numericValue": false },
                "speed-index": { "numericValue": { "value": 1987 } },
                "interactive": [4321],
                "server-response-time": "87"
              },
              "categories": { "performance": { "score": "0.87" } }
            }
            """);

        AssertReport(NothingRead, report);
    }

    [Theory]
    [InlineData("""{ "audits": [] }""")]
    [InlineData("""{ "audits": null }""")]
    [InlineData("""{ "categories": [] }""")]
    [InlineData("""{ "categories": { "performance": 0.87 } }""")]
    [InlineData("""{ "environment": "lab" }""")]
    [InlineData("""{ "configSettings": null }""")]
    [InlineData("""{ "fetchTime": "yesterday" }""")]
    public void Containers_of_the_wrong_json_type_are_read_as_missing_not_thrown(string json)
    {
        var report = LighthouseReport.Parse(json);

        AssertReport(NothingRead, report);
    }

    [Fact]
    public void Run_warnings_that_are_not_strings_are_skipped()
    {
        var report = LighthouseReport.Parse("""{ "runWarnings": ["slow page", 3, null, { "text": "x" }, "redirected"] }""");

        Assert.Equal(["slow page", "redirected"], report.RunWarnings);
    }
}

using System.Text.Json.Nodes;
using Meridian.Worker.Lighthouse;

namespace Meridian.Worker.Tests.Unit;

/// <summary>
/// Writes a small Lighthouse result (LHR) laid out as Lighthouse writes it: only the paths the
/// worker reads, with the values a test cares about.
/// </summary>
internal sealed class Lhr
{
    public const string FirstContentfulPaint = "first-contentful-paint";
    public const string LargestContentfulPaint = "largest-contentful-paint";
    public const string TotalBlockingTime = "total-blocking-time";
    public const string CumulativeLayoutShift = "cumulative-layout-shift";
    public const string SpeedIndex = "speed-index";
    public const string Interactive = "interactive";
    public const string ServerResponseTime = "server-response-time";

    private readonly Dictionary<string, double?> audits = [];
    private string version = "12.8.2";
    private double? score = 0.9;
    private double? benchmarkIndex = 1500;

    /// <summary>A run with the two metrics the median selection uses.</summary>
    public static Lhr Run(double? fcp, double? tti) => new Lhr().Metric(FirstContentfulPaint, fcp).Metric(Interactive, tti);

    /// <summary>A run with every metric set, each to a different value.</summary>
    public static Lhr Full(double fcp = 1200, double tti = 3400) => Run(fcp, tti)
        .Metric(LargestContentfulPaint, 2100)
        .Metric(TotalBlockingTime, 150)
        .Metric(CumulativeLayoutShift, 0.05)
        .Metric(SpeedIndex, 1900)
        .Metric(ServerResponseTime, 80);

    /// <summary>Sets an audit's <c>numericValue</c>; null writes <c>"numericValue": null</c>.</summary>
    public Lhr Metric(string audit, double? numericValue)
    {
        audits[audit] = numericValue;
        return this;
    }

    /// <summary>Leaves the audit out of the report altogether.</summary>
    public Lhr Without(string audit)
    {
        audits.Remove(audit);
        return this;
    }

    public Lhr Score(double? value)
    {
        score = value;
        return this;
    }

    public Lhr BenchmarkIndex(double? value)
    {
        benchmarkIndex = value;
        return this;
    }

    public Lhr Version(string value)
    {
        version = value;
        return this;
    }

    public string ToJson()
    {
        var auditObjects = new JsonObject();
        foreach (var (audit, value) in audits)
        {
            auditObjects[audit] = new JsonObject { ["id"] = audit, ["numericValue"] = value };
        }

        return new JsonObject
        {
            ["lighthouseVersion"] = version,
            ["environment"] = new JsonObject { ["benchmarkIndex"] = benchmarkIndex },
            ["audits"] = auditObjects,
            ["categories"] = new JsonObject { ["performance"] = new JsonObject { ["score"] = score } },
        }.ToJsonString();
    }

    public LighthouseReport Parse() => LighthouseReport.Parse(ToJson());

    public LighthouseMetrics Metrics() => Parse().Metrics;
}

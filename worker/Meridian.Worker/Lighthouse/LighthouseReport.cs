using System.Text.Json;
using Meridian.Contract.Jobs;

namespace Meridian.Worker.Lighthouse;

/// <summary>
/// The parts of a Lighthouse result (LHR) the worker uses. The full report is uploaded as it is;
/// this is what the summary, the median selection and the progress lines need.
/// </summary>
public sealed record LighthouseReport(
    string LighthouseVersion,
    DateTimeOffset? FetchTime,
    string? FinalDisplayedUrl,
    LighthouseRuntimeError? RuntimeError,
    double? BenchmarkIndex,
    string? FormFactor,
    double? PerformanceScore,
    LighthouseMetrics Metrics,
    IReadOnlyList<string> RunWarnings)
{
    public static LighthouseReport Parse(Stream json)
    {
        using var document = JsonDocument.Parse(json);
        return From(document.RootElement);
    }

    public static LighthouseReport Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return From(document.RootElement);
    }

    private static LighthouseReport From(JsonElement lhr)
    {
        var audits = lhr.TryGetProperty("audits", out var a) && a.ValueKind == JsonValueKind.Object ? a : default;
        double? Metric(string audit) =>
            audits.ValueKind == JsonValueKind.Object
            && audits.TryGetProperty(audit, out var entry)
            && entry.ValueKind == JsonValueKind.Object
                ? Number(entry, "numericValue")
                : null;

        LighthouseRuntimeError? runtimeError = null;
        if (lhr.TryGetProperty("runtimeError", out var error) && error.ValueKind == JsonValueKind.Object)
        {
            runtimeError = new(Text(error, "code") ?? "UNKNOWN", Text(error, "message") ?? "Lighthouse reported a runtime error.");
        }

        double? score = null;
        if (lhr.TryGetProperty("categories", out var categories) && categories.ValueKind == JsonValueKind.Object
            && categories.TryGetProperty("performance", out var performance) && performance.ValueKind == JsonValueKind.Object)
        {
            score = Number(performance, "score");
        }

        return new LighthouseReport(
            Text(lhr, "lighthouseVersion") ?? "unknown",
            Text(lhr, "fetchTime") is { } fetch && DateTimeOffset.TryParse(fetch, System.Globalization.CultureInfo.InvariantCulture, out var fetched) ? fetched : null,
            Text(lhr, "finalDisplayedUrl"),
            runtimeError,
            lhr.TryGetProperty("environment", out var environment) && environment.ValueKind == JsonValueKind.Object ? Number(environment, "benchmarkIndex") : null,
            lhr.TryGetProperty("configSettings", out var settings) && settings.ValueKind == JsonValueKind.Object ? Text(settings, "formFactor") : null,
            score,
            new LighthouseMetrics(
                Metric("first-contentful-paint"),
                Metric("largest-contentful-paint"),
                Metric("total-blocking-time"),
                Metric("cumulative-layout-shift"),
                Metric("speed-index"),
                Metric("interactive"),
                Metric("server-response-time")),
            lhr.TryGetProperty("runWarnings", out var warnings) && warnings.ValueKind == JsonValueKind.Array
                ? [.. warnings.EnumerateArray().Where(w => w.ValueKind == JsonValueKind.String).Select(w => w.GetString()!)]
                : []);
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static double? Number(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && double.IsFinite(value.GetDouble())
            ? value.GetDouble()
            : null;
}

/// <summary>Lighthouse's <c>runtimeError</c>: the page could not be audited (DNS, interstitial, no paint…).</summary>
public sealed record LighthouseRuntimeError(string Code, string Message);

/// <summary>The metrics of one run, in milliseconds (CLS unitless); null when Lighthouse could not compute one.</summary>
public sealed record LighthouseMetrics(
    double? FirstContentfulPaintMs,
    double? LargestContentfulPaintMs,
    double? TotalBlockingTimeMs,
    double? CumulativeLayoutShift,
    double? SpeedIndexMs,
    double? TimeToInteractiveMs,
    double? TimeToFirstByteMs);

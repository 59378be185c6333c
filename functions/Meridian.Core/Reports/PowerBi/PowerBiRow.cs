using CsvHelper;
using Meridian.Contract.Jobs;
using Meridian.Core.Regions;

namespace Meridian.Core.Reports.PowerBi;

/// <summary>
/// One row of the <c>region-results</c> files: one audit × one region, flat, for Power BI. The column
/// names and their order are a published schema (docs/power-bi.md and the Power Query script type
/// them; a test holds all three together): add columns at the end, never rename or reorder them.
/// Numbers are invariant culture without exponents, times are UTC ISO 8601 with milliseconds, and
/// null is an empty cell (<see cref="PowerBiCsv"/>).
/// </summary>
[CsvRecord]
public sealed partial record PowerBiRow
{
    [CsvColumn("audit_id")]
    public required string AuditId { get; init; }

    /// <summary>The monitor that scheduled the audit; null for an audit a user started.</summary>
    [CsvColumn("monitor_id")]
    [CsvNullValues("")]
    public string? MonitorId { get; init; }

    [CsvColumn("url")]
    public required string Url { get; init; }

    /// <summary><c>mobile</c> or <c>desktop</c>.</summary>
    [CsvColumn("form_factor")]
    public required string FormFactor { get; init; }

    /// <summary>Lighthouse runs asked for per region.</summary>
    [CsvColumn("runs")]
    public required int Runs { get; init; }

    [CsvColumn("region")]
    public required string Region { get; init; }

    [CsvColumn("region_city")]
    [CsvNullValues("")]
    public string? RegionCity { get; init; }

    [CsvColumn("region_country")]
    [CsvNullValues("")]
    public string? RegionCountry { get; init; }

    [CsvColumn("region_latitude")]
    [CsvConverter(typeof(InvariantNumberCsvConverter))]
    public double? RegionLatitude { get; init; }

    [CsvColumn("region_longitude")]
    [CsvConverter(typeof(InvariantNumberCsvConverter))]
    public double? RegionLongitude { get; init; }

    /// <summary><c>completed</c>, <c>failed</c>, <c>timed_out</c> or <c>unavailable</c>.</summary>
    [CsvColumn("status")]
    public required string Status { get; init; }

    /// <summary><c>callback</c>, <c>fallback</c>, or null when no result arrived.</summary>
    [CsvColumn("delivery")]
    [CsvNullValues("")]
    public string? Delivery { get; init; }

    /// <summary>Why the region did not complete; may span lines.</summary>
    [CsvColumn("reason")]
    [CsvNullValues("")]
    public string? Reason { get; init; }

    [CsvColumn("machine_id")]
    [CsvNullValues("")]
    public string? MachineId { get; init; }

    [CsvColumn("audit_started_at")]
    [CsvConverter(typeof(UtcTimestampCsvConverter))]
    public required DateTimeOffset AuditStartedAt { get; init; }

    [CsvColumn("audit_completed_at")]
    [CsvConverter(typeof(UtcTimestampCsvConverter))]
    public required DateTimeOffset AuditCompletedAt { get; init; }

    /// <summary>Lighthouse performance score of the median run, 0 to 1.</summary>
    [CsvColumn("performance_score")]
    [CsvConverter(typeof(InvariantNumberCsvConverter))]
    public double? PerformanceScore { get; init; }

    [CsvColumn("fcp_ms")]
    [CsvConverter(typeof(InvariantNumberCsvConverter))]
    public double? FcpMs { get; init; }

    [CsvColumn("lcp_ms")]
    [CsvConverter(typeof(InvariantNumberCsvConverter))]
    public double? LcpMs { get; init; }

    [CsvColumn("tbt_ms")]
    [CsvConverter(typeof(InvariantNumberCsvConverter))]
    public double? TbtMs { get; init; }

    [CsvColumn("cls")]
    [CsvConverter(typeof(InvariantNumberCsvConverter))]
    public double? Cls { get; init; }

    [CsvColumn("speed_index_ms")]
    [CsvConverter(typeof(InvariantNumberCsvConverter))]
    public double? SpeedIndexMs { get; init; }

    [CsvColumn("tti_ms")]
    [CsvConverter(typeof(InvariantNumberCsvConverter))]
    public double? TtiMs { get; init; }

    [CsvColumn("ttfb_ms")]
    [CsvConverter(typeof(InvariantNumberCsvConverter))]
    public double? TtfbMs { get; init; }

    [CsvColumn("runs_completed")]
    public int? RunsCompleted { get; init; }

    [CsvColumn("score_min")]
    [CsvConverter(typeof(InvariantNumberCsvConverter))]
    public double? ScoreMin { get; init; }

    [CsvColumn("score_max")]
    [CsvConverter(typeof(InvariantNumberCsvConverter))]
    public double? ScoreMax { get; init; }

    [CsvColumn("lighthouse_version")]
    [CsvNullValues("")]
    public string? LighthouseVersion { get; init; }

    [CsvColumn("benchmark_index")]
    [CsvConverter(typeof(InvariantNumberCsvConverter))]
    public double? BenchmarkIndex { get; init; }

    /// <summary>The full Lighthouse report's blob name in the <c>reports</c> container.</summary>
    [CsvColumn("report_blob")]
    [CsvNullValues("")]
    public string? ReportBlob { get; init; }
}

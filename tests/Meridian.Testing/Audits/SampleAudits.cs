using Meridian.Contract.Delivery;
using Meridian.Contract.Jobs;
using Meridian.Contract.Results;
using Meridian.Core.Audits;
using Meridian.Core.Ids;
using Meridian.Core.Regions;

namespace Meridian.Testing.Audits;

/// <summary>
/// Audit ids, documents and reports for storage tests: realistic where it matters (every final
/// region status, nulls, text that CSV and HTTP metadata find awkward), small everywhere else.
/// </summary>
public static class SampleAudits
{
    public static readonly DateTimeOffset Day = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    /// <summary>Commas, quotes, an apostrophe and non-ASCII letters: hard for CSV and for blob metadata.</summary>
    public const string AwkwardUrl = "https://bücher.example/katalog,neu?q=\"größe\"&s=l'été";

    /// <summary>A failure reason over three lines with a quote and a comma.</summary>
    public const string MultiLineReason = "Lighthouse failed in 2 of 3 runs:\r\nNO_FCP \"page never painted\",\nthen Chrome crashed";

    /// <summary>An audit id made at <paramref name="createdAt"/>, like <see cref="AuditIds.New"/> at that time.</summary>
    public static string IdAt(DateTimeOffset createdAt) => Guid.CreateVersion7(createdAt).ToString("N");

    public static AuditRecord Document(
        string auditId,
        string url = "https://shop.example/",
        string? monitorId = null,
        IReadOnlyList<string>? regions = null) =>
        new(
            auditId,
            url,
            regions ?? ["iad", "lhr"],
            FormFactor.Mobile,
            Runs: 3,
            DeadlineSeconds: 600,
            monitorId,
            CreatedAt(auditId),
            AuditRecordStatus.Running,
            Report: null);

    /// <summary>
    /// A finished audit of <see cref="AwkwardUrl"/> with one region of each kind: completed by callback,
    /// completed by fallback with metrics Lighthouse could not measure, failed (multi-line reason),
    /// timed out, unavailable.
    /// </summary>
    public static AuditReport Report(string auditId, string url = AwkwardUrl)
    {
        var started = CreatedAt(auditId).UtcDateTime;
        IReadOnlyList<RegionOutcome> regions =
        [
            new("iad", RegionStatus.Completed, null, Summary(auditId, "iad", 0.87, 2345.6), "e2865013b4d986", ResultDelivery.Callback),
            new("syd", RegionStatus.Completed, null, Summary(auditId, "syd", 0.5, lcpMs: null), "9080e6f3a1b2c3", ResultDelivery.Fallback),
            new("gru", RegionStatus.Failed, MultiLineReason, null, "17811f2ea0b1c2", ResultDelivery.Callback),
            new("sin", RegionStatus.TimedOut, "No result by the deadline.", null, "3d8d9b5c4e7f60", null),
            new("jnb", RegionStatus.Unavailable, "insufficient resources to create new machine with existing volume", null, null, null),
        ];
        return AuditReportBuilder.Build(
            auditId,
            new AuditSpec(new Uri("https://shop.example/"), regions.Select(r => r.Region).ToList(), FormFactor.Mobile, 3, TimeSpan.FromMinutes(10)),
            started,
            started.AddMinutes(4).AddMilliseconds(321),
            regions,
            warnings: []) with { Url = url };
    }

    public static RegionResultSummary Summary(string auditId, string region, double? score, double? lcpMs) =>
        new(
            PerformanceScore: score,
            FirstContentfulPaintMs: 1203.25,
            LargestContentfulPaintMs: lcpMs,
            TotalBlockingTimeMs: 0,
            CumulativeLayoutShift: 0.0000123,
            SpeedIndexMs: 1890.5,
            TimeToInteractiveMs: 2500,
            TimeToFirstByteMs: 87.4,
            LighthouseVersion: "12.8.2",
            BenchmarkIndex: 1523.5,
            RunsCompleted: 3,
            ScoreMin: score - 0.02,
            ScoreMax: score + 0.01,
            ReportBlobName: $"{auditId}/{region}.json.gz");

    private static DateTimeOffset CreatedAt(string auditId) =>
        AuditIds.TryGetCreatedAt(auditId, out var createdAt) ? createdAt : Day;
}

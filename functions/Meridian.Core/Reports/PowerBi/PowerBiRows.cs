using System.Text.Json;
using Meridian.Contract.Jobs;
using Meridian.Core.Audits;
using Meridian.Core.Regions;

namespace Meridian.Core.Reports.PowerBi;

/// <summary>Flattens a finished audit into its Power BI rows: one per region, in the report's order.</summary>
public static class PowerBiRows
{
    /// <param name="monitorId">From the audit's document: the report itself does not carry it.</param>
    public static IReadOnlyList<PowerBiRow> From(AuditReport report, string? monitorId)
    {
        ArgumentNullException.ThrowIfNull(report);
        var startedAt = AsUtc(report.StartedAt);
        var completedAt = AsUtc(report.CompletedAt);
        return report.Regions.Select(outcome =>
        {
            RegionCatalog.TryGet(outcome.Region, out var place);
            var summary = outcome.Summary;
            return new PowerBiRow
            {
                AuditId = report.AuditId,
                MonitorId = NullIfEmpty(monitorId),
                Url = report.Url,
                FormFactor = Snake(report.FormFactor.ToString()),
                Runs = report.Runs,
                Region = outcome.Region,
                RegionCity = place?.City,
                RegionCountry = place?.Country,
                RegionLatitude = place?.Latitude,
                RegionLongitude = place?.Longitude,
                Status = Snake(outcome.Status.ToString()),
                Delivery = outcome.Delivery is { } delivery ? Snake(delivery.ToString()) : null,
                Reason = NullIfEmpty(outcome.Reason),
                MachineId = NullIfEmpty(outcome.MachineId),
                AuditStartedAt = startedAt,
                AuditCompletedAt = completedAt,
                PerformanceScore = summary?.PerformanceScore,
                FcpMs = summary?.FirstContentfulPaintMs,
                LcpMs = summary?.LargestContentfulPaintMs,
                TbtMs = summary?.TotalBlockingTimeMs,
                Cls = summary?.CumulativeLayoutShift,
                SpeedIndexMs = summary?.SpeedIndexMs,
                TtiMs = summary?.TimeToInteractiveMs,
                TtfbMs = summary?.TimeToFirstByteMs,
                RunsCompleted = summary?.RunsCompleted,
                ScoreMin = summary?.ScoreMin,
                ScoreMax = summary?.ScoreMax,
                LighthouseVersion = NullIfEmpty(summary?.LighthouseVersion),
                BenchmarkIndex = summary?.BenchmarkIndex,
                ReportBlob = NullIfEmpty(summary?.ReportBlobName),
            };
        }).ToList();
    }

    /// <summary>An empty cell means null, so no text is written as an empty string.</summary>
    private static string? NullIfEmpty(string? text) => string.IsNullOrEmpty(text) ? null : text;

    /// <summary>Orchestration times are UTC; one read back from JSON without a zone is taken as UTC too.</summary>
    private static DateTimeOffset AsUtc(DateTime time) =>
        time.Kind == DateTimeKind.Local ? new DateTimeOffset(time.ToUniversalTime()) : new DateTimeOffset(DateTime.SpecifyKind(time, DateTimeKind.Utc));

    /// <summary>The enums' names as the files spell them: <c>TimedOut</c> is <c>timed_out</c>.</summary>
    private static string Snake(string name) => JsonNamingPolicy.SnakeCaseLower.ConvertName(name);
}

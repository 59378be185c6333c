using System.Text.Json.Serialization;
using Meridian.Contract.Results;
using Meridian.Core.Regions;

namespace Meridian.Core.Audits.Orchestration;

/// <summary>One region's line in <see cref="AuditProgress"/>: bounded in size whatever it is given.</summary>
/// <param name="Reason">Why the region failed, timed out or is unavailable, shortened to <see cref="MaxReasonJsonLength"/>; the report has it whole.</param>
/// <param name="Score">The median run's performance score, to two decimals, once completed.</param>
public sealed record RegionProgress(
    string Region,
    RegionStatus Status,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Reason,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? Score,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? LcpMs,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? TbtMs,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? Cls,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? TtfbMs)
{
    /// <summary>A reason's budget in JSON text, escapes included: a reason of emoji or control characters costs six per character.</summary>
    public const int MaxReasonJsonLength = 80;

    /// <summary>One hour: no page-load metric is longer (the callback refuses longer ones), and it bounds the text.</summary>
    private const double MaxMilliseconds = 3_600_000;

    private const double MaxLayoutShift = 100;

    public static RegionProgress Of(string region, RegionStatus status, string? reason, RegionResultSummary? summary) => new(
        region,
        status,
        JsonText.Shorten(reason, MaxReasonJsonLength),
        Round(summary?.PerformanceScore, 1, 2),
        Round(summary?.LargestContentfulPaintMs, MaxMilliseconds, 0),
        Round(summary?.TotalBlockingTimeMs, MaxMilliseconds, 0),
        Round(summary?.CumulativeLayoutShift, MaxLayoutShift, 3),
        Round(summary?.TimeToFirstByteMs, MaxMilliseconds, 0));

    /// <summary>
    /// The headline numbers as a summary, for readers of a running audit; the other fields are empty
    /// (null, no version, no runs) until the report has them. Null when the region has no numbers yet.
    /// </summary>
    public RegionResultSummary? ToPartialSummary() =>
        Score is null && LcpMs is null && TbtMs is null && Cls is null && TtfbMs is null
            ? null
            : new RegionResultSummary(Score, null, LcpMs, TbtMs, Cls, null, null, TtfbMs, LighthouseVersion: string.Empty, null, RunsCompleted: 0, null, null, null);

    /// <summary>Rounded, and held to the metric's range so no number can make the status long.</summary>
    private static double? Round(double? value, double max, int decimals) =>
        value is { } v && double.IsFinite(v) ? Math.Round(Math.Clamp(v, 0, max), decimals, MidpointRounding.AwayFromZero) : null;
}

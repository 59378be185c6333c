using System.Text.Json.Serialization;

namespace Meridian.Core.Audits.Orchestration;

[JsonConverter(typeof(JsonStringEnumConverter<AuditProgressPhase>))]
public enum AuditProgressPhase
{
    /// <summary>Machines are being created and regions are reporting.</summary>
    Running,

    /// <summary>The deadline passed; silent regions are checked for fallback results and their machines destroyed.</summary>
    CollectingLateResults,

    StoringReport,

    Completed,
}

/// <summary>
/// The orchestration's custom status: live per-region progress for status requests. The Durable
/// Functions host fails an orchestration whose custom status is over 16 KB of UTF-16 text, so this
/// carries only what a live view needs (a status, a brief reason, the headline numbers) and stays
/// under <see cref="MaxUtf16Bytes"/> for 18 regions whatever the numbers and reasons; the report has
/// the rest.
/// </summary>
public sealed record AuditProgress(AuditProgressPhase Phase, IReadOnlyList<RegionProgress> Regions)
{
    /// <summary>Half the host's limit: the worst case at 18 regions is held under it by a test.</summary>
    public const int MaxUtf16Bytes = 8 * 1024;

    public static AuditProgress Of(AuditProgressPhase phase, IEnumerable<RegionProgress> regions) => new(phase, [.. regions]);
}

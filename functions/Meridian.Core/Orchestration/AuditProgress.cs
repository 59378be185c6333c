using System.Text.Json.Serialization;
using Meridian.Core.Audits;

namespace Meridian.Core.Orchestration;

[JsonConverter(typeof(JsonStringEnumConverter<AuditPhase>))]
public enum AuditPhase
{
    /// <summary>Machines are being created and regions are reporting.</summary>
    Running,

    /// <summary>The deadline passed; silent regions are checked for fallback results and their machines destroyed.</summary>
    CollectingLateResults,

    StoringReport,

    Completed,
}

/// <summary>One region's line in the live progress.</summary>
/// <param name="Summary">The median run's numbers once the region has completed (a few hundred bytes each).</param>
public sealed record RegionProgress(string Region, RegionStatus Status, string? Reason, RegionResultSummary? Summary = null);

/// <summary>The orchestration's custom status: live per-region progress for status requests. Kept small (a few KB for 18 regions).</summary>
public sealed record AuditProgress(AuditPhase Phase, IReadOnlyList<RegionProgress> Regions);

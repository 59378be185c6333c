using System.Text.Json;
using Meridian.Contract.Jobs;
using Meridian.Contract.Results;
using Meridian.Core.Audits;
using Meridian.Core.Audits.Orchestration;
using Meridian.Core.Regions;
using Meridian.Core.Serialization;

namespace Meridian.Testing.Orchestration;

/// <summary>
/// The largest custom status an audit can publish: 18 regions in the longest phase and status, each
/// with the longest reason in the costliest characters to escape and the longest numbers JSON writes.
/// </summary>
public static class WorstCaseProgress
{
    public static AuditProgress At18Regions()
    {
        // An emoji is two UTF-16 units escaped as \uD83D\uDE00: twelve characters of JSON.
        var reason = string.Concat(Enumerable.Repeat("😀", 2_000));
        var summary = new RegionResultSummary(
            -double.MaxValue, -double.MaxValue, -double.MaxValue, -double.MaxValue, -double.MaxValue, -double.MaxValue, -double.MaxValue, -double.MaxValue,
            new string('9', 32), -double.MaxValue, WorkerJob.MaxRuns, -double.MaxValue, -double.MaxValue, new string('"', 256));
        var longestStatus = Enum.GetValues<RegionStatus>().MaxBy(status => status.ToString().Length);
        var longestPhase = Enum.GetValues<AuditProgressPhase>().MaxBy(phase => phase.ToString().Length);
        return AuditProgress.Of(
            longestPhase,
            RegionCatalog.All.Take(RegionCatalog.MaxPerAudit).Select(region => RegionProgress.Of(region.Code, longestStatus, reason, summary)));
    }

    /// <summary>The size the Durable Functions host measures a custom status by: its JSON text in UTF-16.</summary>
    public static int Utf16Bytes(AuditProgress progress) => JsonSerializer.Serialize(progress, MeridianJson.Options).Length * sizeof(char);
}

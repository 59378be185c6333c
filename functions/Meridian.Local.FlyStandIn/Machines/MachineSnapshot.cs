using Meridian.Core.Regions;

namespace Meridian.Local.FlyStandIn.Machines;

/// <summary>A machine as the stand-in sees it at one moment, destroyed ones included.</summary>
/// <param name="ProcessId">The latest process's id; null before the first boot.</param>
/// <param name="ExitCode">The latest process's exit code; null while it runs or before it started.</param>
/// <param name="Output">Captured stdout and stderr, oldest first (bounded).</param>
public sealed record MachineSnapshot(
    string Id,
    string Name,
    string Region,
    string Image,
    string State,
    int? ProcessId,
    int? ExitCode,
    IReadOnlyDictionary<string, string> Metadata,
    IReadOnlyList<MachineOutputLine> Output);

using Meridian.Core.Machines.Fly;
using Meridian.Core.Regions;
using Microsoft.Extensions.Logging;

namespace Meridian.Local.FlyStandIn.Machines;

/// <summary>
/// What a host embedding the stand-in can show: each machine's transitions, and its output as
/// <c>fly logs</c> would (category "Meridian.Local.FlyStandIn.Machines"; silent unless logging is configured).
/// </summary>
internal static partial class MachineLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Machine {MachineId} ({Region}): {EventType}, now {State}")]
    public static partial void Transition(ILogger logger, string machineId, string region, string eventType, string state);

    [LoggerMessage(Level = LogLevel.Information, Message = "Machine {MachineId} ({Region}) exited with code {ExitCode} (requested stop: {RequestedStop})")]
    public static partial void Exited(ILogger logger, string machineId, string region, int exitCode, bool requestedStop);

    [LoggerMessage(Level = LogLevel.Information, Message = "[{Region} {MachineId}] {Line}")]
    public static partial void Output(ILogger logger, string machineId, string region, MachineOutputLine line);
}

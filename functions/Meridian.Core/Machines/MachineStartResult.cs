using System.Text.Json.Serialization;

namespace Meridian.Core.Machines;

[JsonConverter(typeof(JsonStringEnumConverter<MachineStartStatus>))]
public enum MachineStartStatus
{
    /// <summary>The machine exists and is starting or started.</summary>
    Started,

    /// <summary>Fly cannot place a machine in that region now (capacity, quota, region unknown to Fly).</summary>
    RegionUnavailable,

    /// <summary>The request itself is wrong (bad token, unknown app or image, rejected config): no region can succeed.</summary>
    ConfigurationError,

    /// <summary>Fly kept failing (rate limits, 5xx, the network, a machine that never started) beyond the client's retries.</summary>
    Failed,
}

/// <summary>The outcome of asking Fly for a machine in one region.</summary>
/// <param name="Reason">
/// Fly's own error text when the machine was not started. It travels in the result, not in an
/// exception, because the Functions host rewrites activity exception messages.
/// </param>
public sealed record MachineStartResult(MachineStartStatus Status, string? MachineId, string? Reason)
{
    public static MachineStartResult Started(string machineId) => new(MachineStartStatus.Started, machineId, null);

    public static MachineStartResult Unavailable(string reason) => new(MachineStartStatus.RegionUnavailable, null, reason);

    public static MachineStartResult ConfigurationError(string reason) => new(MachineStartStatus.ConfigurationError, null, reason);

    public static MachineStartResult Failed(string reason) => new(MachineStartStatus.Failed, null, reason);
}

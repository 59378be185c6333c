using System.Text.Json.Serialization;
using Meridian.Core.Regions;

namespace Meridian.Core.Machines.Fly;

// The Fly Machines API's JSON, as Meridian uses it. Names follow Fly's snake_case through
// FlyJsonContext; nulls are omitted when writing. Fields Meridian does not use are not modelled
// (reading ignores them). What fly-go marks optional is optional here too, so a machine Meridian
// did not create (another tool's, an older config) still reads.

/// <summary>Body of <c>POST /apps/{app}/machines</c>.</summary>
public sealed record CreateMachineRequest
{
    /// <summary>Meridian names machines after audit and region; a twin is prevented by listing by metadata (FlyRegionMachines), not by the name.</summary>
    public string? Name { get; init; }

    public required string Region { get; init; }

    public required MachineConfig Config { get; init; }
}

public sealed record MachineConfig
{
    public required string Image { get; init; }

    public MachineGuest? Guest { get; init; }

    /// <summary>Destroy the machine when its process exits: an audit machine is used once.</summary>
    public bool? AutoDestroy { get; init; }

    public MachineRestart? Restart { get; init; }

    public IReadOnlyDictionary<string, string>? Env { get; init; }

    /// <summary>Meridian puts the audit id and region here, so machines can be found (and swept) by audit.</summary>
    public IReadOnlyDictionary<string, string>? Metadata { get; init; }

    public StopConfig? StopConfig { get; init; }
}

public sealed record MachineGuest
{
    /// <summary>"shared" or "performance"; Lighthouse needs dedicated cores. Fly may leave it out (its default is shared).</summary>
    public string? CpuKind { get; init; }

    public int Cpus { get; init; }

    public int MemoryMb { get; init; }
}

public sealed record MachineRestart
{
    /// <summary>"no", "always" or "on-failure" (Fly's default, which would re-run a failed audit and post twice); Fly may send <c>"restart":{}</c>.</summary>
    public string? Policy { get; init; }
}

public sealed record StopConfig
{
    public string? Signal { get; init; }

    /// <summary>A Go duration, e.g. "30s"; read from Fly's nanoseconds too.</summary>
    [JsonConverter(typeof(FlyDurationConverter))]
    public string? Timeout { get; init; }
}

/// <summary>A machine as Fly returns it.</summary>
public sealed record Machine
{
    public required string Id { get; init; }

    public string? Name { get; init; }

    /// <summary>created, starting, started, stopping, stopped, replacing, destroying, destroyed, failed…</summary>
    public required string State { get; init; }

    public string? Region { get; init; }

    public string? InstanceId { get; init; }

    public string? PrivateIp { get; init; }

    public MachineConfig? Config { get; init; }

    public string? CreatedAt { get; init; }

    public string? UpdatedAt { get; init; }

    /// <summary>Newest first, as Fly lists them.</summary>
    public IReadOnlyList<MachineEvent>? Events { get; init; }
}

public sealed record MachineEvent
{
    public string? Id { get; init; }

    /// <summary>launch, start, exit, stop, destroy…</summary>
    public required string Type { get; init; }

    public string? Status { get; init; }

    public string? Source { get; init; }

    /// <summary>Epoch milliseconds.</summary>
    public long Timestamp { get; init; }

    public MachineEventRequest? Request { get; init; }
}

public sealed record MachineEventRequest
{
    public ExitEvent? ExitEvent { get; init; }

    /// <summary>Where newer machines report their exit; fly-go reads it before <see cref="ExitEvent"/>.</summary>
    [JsonPropertyName("MonitorEvent")]
    public MachineMonitorEvent? MonitorEvent { get; init; }

    /// <summary>The exit, from whichever place Fly put it (MonitorEvent first, as fly-go reads it).</summary>
    [JsonIgnore]
    public ExitEvent? Exit => MonitorEvent?.ExitEvent ?? ExitEvent;
}

public sealed record MachineMonitorEvent
{
    public ExitEvent? ExitEvent { get; init; }
}

public sealed record ExitEvent
{
    public int ExitCode { get; init; }

    public bool OomKilled { get; init; }

    /// <summary>Fly has sent this both as epoch milliseconds and as RFC 3339; both are read.</summary>
    [JsonConverter(typeof(FlexibleTimestampConverter))]
    public DateTimeOffset? ExitedAt { get; init; }

    public bool RequestedStop { get; init; }

    public bool Restarting { get; init; }

    public int Signal { get; init; }
}

/// <summary>Fly's error body: <c>{"error": "...", "status": "..."}</c>, or <c>{"status": "error", "message": "..."}</c>.</summary>
public sealed record FlyErrorResponse
{
    public string? Error { get; init; }

    /// <summary>The text, in the second shape (fly-go reads it when <see cref="Error"/> is empty).</summary>
    public string? Message { get; init; }

    /// <summary>A machine-readable code when Fly gives one, e.g. "insufficient_capacity"; just "error" in the second shape.</summary>
    public string? Status { get; init; }
}

/// <summary>Body of <c>POST /apps/{app}/machines/{id}/stop</c>.</summary>
public sealed record StopMachineRequest
{
    public string? Signal { get; init; }

    public string? Timeout { get; init; }
}

/// <summary>Response of <c>GET /platform/regions</c> (field names as flyctl reads them).</summary>
public sealed record PlatformRegionsResponse
{
    [JsonPropertyName("Regions")]
    public IReadOnlyList<PlatformRegion> Regions { get; init; } = [];

    [JsonPropertyName("Nearest")]
    public string? Nearest { get; init; }
}

public sealed record PlatformRegion
{
    public required string Code { get; init; }

    public string? Name { get; init; }

    public double Latitude { get; init; }

    public double Longitude { get; init; }

    public bool GatewayAvailable { get; init; }

    public bool RequiresPaidPlan { get; init; }

    public bool Deprecated { get; init; }
}

using System.Text.Json.Serialization;

namespace Meridian.Core.Audits;

/// <summary>Where one region of an audit stands. The last four are final outcomes.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RegionStatus>))]
public enum RegionStatus
{
    /// <summary>Waiting for its machine to be created (creates are paced).</summary>
    Pending,

    /// <summary>The machine is up; Lighthouse is running.</summary>
    Running,

    /// <summary>A result with metrics arrived.</summary>
    Completed,

    /// <summary>The worker reported a failure, or the machine could not be started for a non-capacity reason.</summary>
    Failed,

    /// <summary>No result by the audit's deadline, neither by callback nor as a fallback blob.</summary>
    TimedOut,

    /// <summary>Fly could not place a machine there (capacity, quota, unknown region).</summary>
    Unavailable,
}

public static class RegionStatusExtensions
{
    public static bool IsFinal(this RegionStatus status) => status >= RegionStatus.Completed;
}

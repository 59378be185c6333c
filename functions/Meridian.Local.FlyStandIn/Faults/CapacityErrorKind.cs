namespace Meridian.Local.FlyStandIn.Faults;

/// <summary>The shapes in which Fly says a region cannot take a machine now.</summary>
public enum CapacityErrorKind
{
    /// <summary>412 {"error":"insufficient resources available to fulfill request","status":"insufficient_capacity"}.</summary>
    InsufficientResources,

    /// <summary>409 {"error":"insufficient memory available to fulfill request"}.</summary>
    InsufficientMemory,

    /// <summary>403 {"error":"... over the allowed quota ... consider other regions"}.</summary>
    OverQuota,
}

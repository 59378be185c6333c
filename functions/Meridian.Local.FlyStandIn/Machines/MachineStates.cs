namespace Meridian.Local.FlyStandIn.Machines;

/// <summary>The Fly machine states the stand-in goes through.</summary>
internal static class MachineStates
{
    public const string Created = "created";
    public const string Starting = "starting";
    public const string Started = "started";
    public const string Stopping = "stopping";
    public const string Stopped = "stopped";
    public const string Destroyed = "destroyed";

    /// <summary>The states <c>wait</c> accepts, as Fly's does.</summary>
    public static bool IsWaitable(string state) => state is Started or Stopped or Destroyed;

    /// <summary>A machine in these states refuses a delete without force.</summary>
    public static bool IsActive(string state) => state is Created or Starting or Started or Stopping;
}

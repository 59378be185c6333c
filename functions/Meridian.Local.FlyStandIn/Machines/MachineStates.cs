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
    public const string LaunchFailed = "launch_failed";

    /// <summary>States from which a machine never reaches <c>started</c> or <c>stopped</c>: a wait for them is refused at once.</summary>
    public static bool CannotReach(string current, string wanted) => current == LaunchFailed && wanted != Destroyed;

    /// <summary>The states <c>wait</c> accepts, as Fly's does.</summary>
    public static bool IsWaitable(string state) => state is Started or Stopped or Destroyed;

    /// <summary>A machine in these states refuses a delete without force.</summary>
    public static bool IsActive(string state) => state is Created or Starting or Started or Stopping;
}

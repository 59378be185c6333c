namespace Meridian.Local.FlyStandIn.Faults;

/// <summary>Faults of one region; settable properties so it binds from configuration.</summary>
public sealed record RegionFault
{
    /// <summary>Creates in the region fail with this capacity error.</summary>
    public CapacityErrorKind? CapacityError { get; set; }

    /// <summary>Replaces the boot delay in the region.</summary>
    public TimeSpan? BootDelay { get; set; }

    /// <summary>Machines in the region go to <c>launch_failed</c> instead of starting, then to <c>destroyed</c>, as Fly's do.</summary>
    public bool LaunchFails { get; set; }

    /// <summary>Waits on machines in the region are refused with this status: 400 (a state the machine cannot reach) or 412 (its instance was replaced).</summary>
    public int? WaitRefusedWith { get; set; }

    public WorkerFault Worker { get; set; }

    public int CrashExitCode { get; set; } = 1;
}

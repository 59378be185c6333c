namespace Meridian.Local.FlyStandIn.Machines;

internal enum WaitOutcome
{
    Reached,
    TimedOut,
    NotFound,

    /// <summary>The machine is in a state it never leaves for the one awaited (launch_failed).</summary>
    Unreachable,
}

internal enum CommandOutcome
{
    Done,
    NotFound,

    /// <summary>A delete without force of a machine still running.</summary>
    StillActive,

    /// <summary>A start of a machine that auto-destroys on exit: it is already on its way out.</summary>
    AutoDestroying,
}

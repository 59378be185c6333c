namespace Meridian.Local.FlyStandIn.Machines;

internal enum WaitOutcome
{
    Reached,
    TimedOut,
    NotFound,
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

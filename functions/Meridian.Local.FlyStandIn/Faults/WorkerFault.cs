namespace Meridian.Local.FlyStandIn.Faults;

/// <summary>What runs instead of the image in a faulty region.</summary>
public enum WorkerFault
{
    /// <summary>The image runs.</summary>
    None,

    /// <summary>Writes to stderr and exits with <see cref="RegionFault.CrashExitCode"/>.</summary>
    Crashes,

    /// <summary>Exits 0 at once without calling back.</summary>
    NeverCallsBack,

    /// <summary>Never exits, with a child process, so only killing the whole tree ends it.</summary>
    Hangs,
}

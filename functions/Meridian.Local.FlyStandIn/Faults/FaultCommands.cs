namespace Meridian.Local.FlyStandIn.Faults;

/// <summary>The local processes that play a faulty worker.</summary>
internal static class FaultCommands
{
    /// <summary>The command to run for <paramref name="fault"/>, or null to run the image.</summary>
    public static ImageCommand? For(RegionFault fault) => fault.Worker switch
    {
        WorkerFault.Crashes => ImageCommand.Shell($"echo 'worker crashing (injected fault)' >&2; exit {fault.CrashExitCode}"),
        WorkerFault.NeverCallsBack => ImageCommand.Shell("echo 'worker exiting without calling back (injected fault)'; exit 0"),
        // A backgrounded child: killing only the shell would leave the sleep running.
        WorkerFault.Hangs => ImageCommand.Shell("echo 'worker hanging (injected fault)'; sleep 3600 & wait"),
        _ => null,
    };
}

using System.Runtime.InteropServices;

namespace Meridian.Local.Commands;

/// <summary>
/// Ctrl+C (SIGINT) and SIGTERM as a cancellation token the commands stop on, remembering which came,
/// so the command can exit 130 or 143 as a shell expects. The first signal stops the command in
/// order (engine, machines, storage); a second one of either kind ends the process at once.
/// </summary>
public sealed class StopSignals : IDisposable
{
    private readonly CancellationTokenSource stopping = new();
    private readonly PosixSignalRegistration[] registrations;
    private int received;

    public StopSignals()
    {
        registrations =
        [
            PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal),
            PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal),
        ];
    }

    /// <summary>Cancelled by the first SIGINT or SIGTERM.</summary>
    public CancellationToken Token => stopping.Token;

    /// <summary>The signal that stopped the command, or null.</summary>
    public PosixSignal? Received => Volatile.Read(ref received) switch
    {
        0 => null,
        var signal => (PosixSignal)signal,
    };

    /// <summary>How a shell names it: "Ctrl+C" or "SIGTERM".</summary>
    public static string Describe(PosixSignal signal) => signal == PosixSignal.SIGINT ? "Ctrl+C" : "SIGTERM";

    /// <summary>128 + the signal's number, as a shell reports a process ended by it.</summary>
    public static int ExitCode(PosixSignal signal) => signal == PosixSignal.SIGINT ? 130 : 143;

    public void Dispose()
    {
        foreach (var registration in registrations)
        {
            registration.Dispose();
        }

        stopping.Dispose();
    }

    private void OnSignal(PosixSignalContext context)
    {
        // PosixSignal's values are negative on Linux; store them as they are (never 0).
        if (Interlocked.CompareExchange(ref received, (int)context.Signal, 0) != 0)
        {
            return; // the second signal: let the runtime end the process
        }

        context.Cancel = true;
        stopping.Cancel();
    }
}

using System.ComponentModel;
using Meridian.Local.Processes;

namespace Meridian.Local.Azurite;

/// <summary>
/// Azurite's node process, leading its own process group (as the Fly stand-in runs machines), so
/// stopping it kills everything it started, even children that outlived it.
/// </summary>
internal sealed class AzuriteProcess : IAsyncDisposable
{
    private const int OutputLinesKept = 40;

    // Read by Azurite: an inherited value would replace the well-known account or the on-disk metadata store.
    private static readonly KeyValuePair<string, string?>[] ClearedEnvironment = [new("AZURITE_ACCOUNTS", null), new("AZURITE_DB", null)];

    // What azurite.js prints as each of its three services has closed and saved its store.
    private const string ServiceClosedLine = "service successfully closed";
    private const int Services = 3;

    private readonly GroupLeaderProcess process;
    private readonly IDisposable? record;
    private readonly TaskCompletionSource servicesClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int closedServices;

    private AzuriteProcess(string nodePath, IEnumerable<string> arguments, string workingDirectory, LeftoverProcessGroups? processGroups)
    {
        // Anything Azurite writes beside its --location (a debug log, say) lands with its data.
        process = GroupLeaderProcess.Start(nodePath, arguments, ClearedEnvironment, workingDirectory, (line, _) =>
        {
            Output.Add(line);
            if (line.Contains(ServiceClosedLine, StringComparison.Ordinal) && Interlocked.Increment(ref closedServices) == Services)
            {
                servicesClosed.TrySetResult();
            }
        });
        record = processGroups?.Record(process.Id);
    }

    public int Id => process.Id;

    /// <summary>The last lines it wrote (stdout and stderr): they explain an early exit.</summary>
    public OutputTail Output { get; } = new(OutputLinesKept);

    /// <summary>Completes with the exit code once the process has exited and its group has been killed.</summary>
    public Task<int> Exited => process.Exited;

    /// <param name="processGroups">Where to record its process group until it is stopped; null records nothing.</param>
    /// <exception cref="Win32Exception">node could not be started.</exception>
    public static AzuriteProcess Start(string nodePath, IEnumerable<string> arguments, string workingDirectory, LeftoverProcessGroups? processGroups) =>
        new(nodePath, arguments, workingDirectory, processGroups);

    /// <summary>
    /// Asks Azurite to close (on SIGTERM it closes its servers and saves its metadata stores, which it
    /// otherwise saves only every few seconds), then kills the group once its three services say they
    /// have closed, or after <paramref name="gracePeriod"/> at the latest. Zero kills at once. Once the group is gone, its record goes too.
    /// </summary>
    public async Task StopAsync(TimeSpan gracePeriod)
    {
        await EndAsync(gracePeriod);
        record?.Dispose();
    }

    /// <summary>Kills at once: what a start that failed needs.</summary>
    public async ValueTask DisposeAsync() => await StopAsync(TimeSpan.Zero);

    private async Task EndAsync(TimeSpan gracePeriod)
    {
        if (gracePeriod > TimeSpan.Zero && process.Signal(Signals.SigTerm))
        {
            // Once its services say they closed, the stores are saved; Azurite itself may linger for
            // seconds more while a client's keep-alive connection stays open, so it is not waited for.
            var saved = Task.WhenAny(Exited, servicesClosed.Task);
            if (await Task.WhenAny(saved, Task.Delay(gracePeriod)) == saved && Exited.IsCompleted)
            {
                return;
            }
        }

        process.KillTree();
        await Exited;
    }
}

using System.ComponentModel;
using System.Diagnostics;

namespace Meridian.Azurite;

/// <summary>
/// Azurite's node process. It is made the leader of its own process group (through setsid, as the Fly
/// stand-in runs machines), so stopping it kills everything it started, even children that outlived it.
/// </summary>
internal sealed class AzuriteProcess : IAsyncDisposable
{
    private const int OutputLinesKept = 40;
    private static readonly string? SetsidPath = ExecutableSearch.Find("setsid", Environment.GetEnvironmentVariable("PATH"));
    private static readonly TimeSpan OutputDrainTimeout = TimeSpan.FromSeconds(2);

    // Read by Azurite: an inherited value would replace the well-known account or the on-disk metadata store.
    private static readonly string[] ClearedEnvironment = ["AZURITE_ACCOUNTS", "AZURITE_DB"];

    private readonly Process process;
    private readonly Task standardOutput;
    private readonly Task standardError;
    private volatile bool exited;
    private volatile bool groupReleased;

    private AzuriteProcess(Process process)
    {
        this.process = process;
        Id = process.Id;
        try
        {
            // Nothing is ever typed to Azurite: close stdin so it never waits on the host's console.
            process.StandardInput.Close();
        }
        catch (IOException)
        {
            // Already exited.
        }

        standardOutput = PumpAsync(process.StandardOutput, Output);
        standardError = PumpAsync(process.StandardError, Output);
        Exited = WatchAsync();
    }

    public int Id { get; }

    public OutputTail Output { get; } = new(OutputLinesKept);

    /// <summary>Completes with the exit code once the process has exited and its group has been killed.</summary>
    public Task<int> Exited { get; }

    /// <exception cref="Win32Exception">node could not be started.</exception>
    public static AzuriteProcess Start(string nodePath, IEnumerable<string> arguments, string workingDirectory)
    {
        var startInfo = new ProcessStartInfo
        {
            FileName = SetsidPath ?? nodePath,
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            // Anything Azurite writes beside its --location (a debug log, say) lands with its data.
            WorkingDirectory = workingDirectory,
        };
        if (SetsidPath is not null)
        {
            startInfo.ArgumentList.Add(nodePath);
        }

        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        foreach (var name in ClearedEnvironment)
        {
            startInfo.Environment.Remove(name);
        }

        var process = Process.Start(startInfo) ?? throw new Win32Exception($"'{nodePath}' did not start.");
        return new AzuriteProcess(process);
    }

    /// <summary>
    /// Asks Azurite to close (on SIGTERM it closes its server and saves its metadata store, which it
    /// otherwise saves only every few seconds), then kills the group if it is still there after
    /// <paramref name="gracePeriod"/>. Zero kills at once.
    /// </summary>
    public async Task StopAsync(TimeSpan gracePeriod)
    {
        if (gracePeriod > TimeSpan.Zero && !exited && Signals.Send(Id, Signals.SigTerm))
        {
            try
            {
                await Exited.WaitAsync(gracePeriod);
                return;
            }
            catch (TimeoutException)
            {
                // Still closing (an idle keep-alive connection holds it open): kill it.
            }
        }

        KillTree();
        await Exited;
    }

    /// <summary>Kills at once: what a start that failed needs.</summary>
    public async ValueTask DisposeAsync() => await StopAsync(TimeSpan.Zero);

    private void KillTree()
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (Exception e) when (e is InvalidOperationException or Win32Exception or NotSupportedException)
        {
            // Already gone: the group kill below still runs.
        }

        KillGroup();
    }

    private async Task<int> WatchAsync()
    {
        await process.WaitForExitAsync();
        exited = true;
        KillGroup();
        try
        {
            // Keep the last lines (they explain an early exit), but never wait on a descendant that
            // escaped the group and still holds the pipes.
            await Task.WhenAll(standardOutput, standardError).WaitAsync(OutputDrainTimeout);
        }
        catch (TimeoutException)
        {
        }

        var exitCode = process.ExitCode;
        process.Dispose();
        return exitCode;
    }

    private void KillGroup()
    {
        if (SetsidPath is null || groupReleased)
        {
            return;
        }

        // The group id is the main process's id. Once the main process has exited and the group was
        // killed, the id may be reused: never signal that group again.
        Signals.Send(-Id, Signals.SigKill);
        if (exited)
        {
            groupReleased = true;
        }
    }

    private static async Task PumpAsync(StreamReader reader, OutputTail output)
    {
        try
        {
            while (await reader.ReadLineAsync() is { } line)
            {
                output.Add(line);
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            // The pipe went away with the process.
        }
    }
}

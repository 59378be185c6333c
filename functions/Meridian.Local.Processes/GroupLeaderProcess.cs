using System.ComponentModel;
using System.Diagnostics;

namespace Meridian.Local.Processes;

/// <summary>
/// A child process made the leader of its own process group (through setsid), so that when it ends,
/// or is killed, everything it started is killed too, even children that outlived it: as when a VM
/// stops. If this host dies without stopping it (SIGKILL, a closed terminal), the group ends itself
/// within seconds. Its output is handed over line by line.
/// </summary>
public sealed class GroupLeaderProcess
{
    private static readonly string? SetsidPath = ExecutableSearch.Find("setsid");

    /// <summary>
    /// Run by sh as the group's leader before it becomes the program (exec keeps its pid): a watcher
    /// in the background reads the pipe the host holds as its stdin, which closes only when the host
    /// is gone, killed with SIGKILL included. Then it asks every process carrying the group's tag
    /// (see <see cref="ProcessTag"/>) and the group to stop (SIGTERM, so a worker can still stop
    /// Chromium and Azurite can save), and kills what is left after the grace period. The watcher
    /// runs with an empty environment (the tag comes as an argument) so that nothing that looks for
    /// the program's processes by their environment takes it for one of them.
    /// </summary>
    private const string OrphanWatcher =
        "exec 3<&0; "

        // sh gives a background command /dev/null as stdin before its own redirections: hence fd 3.
        + "env -i PATH=\"$PATH\" sh -c '" + WatcherScript + "' meridian-group-watcher \"$" + ProcessTag.Variable + "\" <&3 3<&- >/dev/null 2>&1 & "
        + "exec 3<&-; exec \"$@\" </dev/null";

    /// <summary>The watcher's own script ($1 is the tag); the group kill comes last, as it ends the watcher too.</summary>
    private const string WatcherScript =
        "tag=$1; trap \"\" TERM INT HUP; while read -r _; do :; done; "
        + "tagged() { grep -lsxzF \"" + ProcessTag.Variable + "=$tag\" /proc/[0-9]*/environ | cut -d/ -f3; }; "
        + "kill -TERM $(tagged) 0; for _ in 1 2 3 4 5 6; do sleep 0.5; done; kill -KILL $(tagged) 0";

    private static readonly TimeSpan OutputDrainTimeout = TimeSpan.FromSeconds(2);

    private readonly Process process;
    private readonly string tag;
    private readonly StreamWriter watchedPipe;
    private readonly Task standardOutput;
    private readonly Task standardError;
    private volatile bool exited;
    private volatile bool groupReleased;

    private GroupLeaderProcess(Process process, string tag, Action<string, bool> onLine)
    {
        this.process = process;
        this.tag = tag;
        Id = process.Id;
        // Nothing is ever written to its stdin: the pipe stays open while this host lives, and its
        // closing tells the group's watcher that the host is gone (see OrphanWatcher).
        watchedPipe = process.StandardInput;

        standardOutput = PumpAsync(process.StandardOutput, line => onLine(line, false));
        standardError = PumpAsync(process.StandardError, line => onLine(line, true));
        Exited = WatchAsync();
    }

    public int Id { get; }

    public bool HasExited => exited;

    /// <summary>Completes with the exit code once the process has exited and its group has been killed.</summary>
    public Task<int> Exited { get; }

    /// <param name="environment">Variables to set; a null value removes an inherited one.</param>
    /// <param name="onLine">Each line of stdout (false) and stderr (true), as it arrives.</param>
    /// <exception cref="Win32Exception">The program could not be started.</exception>
    public static GroupLeaderProcess Start(
        string fileName,
        IEnumerable<string> arguments,
        IEnumerable<KeyValuePair<string, string?>> environment,
        string? workingDirectory,
        Action<string, bool> onLine)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(onLine);
        var startInfo = new ProcessStartInfo
        {
            FileName = SetsidPath ?? fileName,
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory ?? string.Empty,
        };
        if (SetsidPath is not null)
        {
            foreach (var argument in new[] { "sh", "-c", OrphanWatcher, "meridian-group", fileName })
            {
                startInfo.ArgumentList.Add(argument);
            }
        }

        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            if (value is null)
            {
                startInfo.Environment.Remove(name);
            }
            else
            {
                startInfo.Environment[name] = value;
            }
        }

        var tag = ProcessTag.New();
        startInfo.Environment[ProcessTag.Variable] = tag;
        var process = Process.Start(startInfo) ?? throw new Win32Exception($"'{fileName}' did not start.");
        return new GroupLeaderProcess(process, tag, onLine);
    }

    /// <summary>Sends a signal to the main process only (as an init does on stop); false once it has exited.</summary>
    public bool Signal(int signal) =>

        // Once exited, the id may belong to another process.
        !exited && Signals.Send(Id, signal);

    /// <summary>Kills the process and every descendant, including ones already orphaned into its group.</summary>
    public void KillTree()
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (Exception e) when (e is InvalidOperationException or Win32Exception or NotSupportedException)
        {
            // Already gone, or not ours to kill: the group kill below still runs.
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
            // Let the last lines arrive before the exit is reported, but never wait on a descendant
            // that escaped the group and still holds the pipes.
            await Task.WhenAll(standardOutput, standardError).WaitAsync(OutputDrainTimeout);
        }
        catch (TimeoutException)
        {
        }

        var exitCode = process.ExitCode;
        try
        {
            watchedPipe.Dispose();
        }
        catch (IOException)
        {
            // The pipe broke with the group: nothing was ever written to it.
        }

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
        // killed, the id may be reused: never signal that group again. The tag finds what left the group.
        Signals.Send(-Id, Signals.SigKill);
        ProcessTag.SignalAll(tag, Signals.SigKill);
        if (exited)
        {
            groupReleased = true;
        }
    }

    private static async Task PumpAsync(StreamReader reader, Action<string> onLine)
    {
        try
        {
            while (await reader.ReadLineAsync() is { } line)
            {
                onLine(line);
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            // The pipe went away with the process.
        }
    }
}

using System.ComponentModel;
using System.Diagnostics;

namespace Meridian.FlyStandIn.Machines;

/// <summary>
/// One run of a machine's image as a local process. When the main process ends, everything it
/// started is killed too, as when a Fly machine's VM stops: the process is made the leader of its own
/// process group (through setsid), so even children that outlived it can be found and killed.
/// </summary>
internal sealed class MachineProcess
{
    private static readonly string? SetsidPath = FindOnPath("setsid");
    private static readonly TimeSpan OutputDrainTimeout = TimeSpan.FromSeconds(2);

    private readonly Process process;
    private readonly Task standardOutput;
    private readonly Task standardError;
    private volatile bool exited;
    private volatile bool groupReleased;

    private MachineProcess(Process process, OutputBuffer output, TimeProvider time)
    {
        this.process = process;
        Id = process.Id;
        try
        {
            // A Fly machine has no stdin: close it so nothing waits on the stand-in's console.
            process.StandardInput.Close();
        }
        catch (IOException)
        {
            // Already exited.
        }

        standardOutput = PumpAsync(process.StandardOutput, isStandardError: false, output, time);
        standardError = PumpAsync(process.StandardError, isStandardError: true, output, time);
        Exited = WatchAsync();
    }

    public int Id { get; }

    /// <summary>Completes with the exit code once the process has exited and its group has been killed.</summary>
    public Task<int> Exited { get; }

    /// <exception cref="Win32Exception">The program could not be started.</exception>
    public static MachineProcess Start(ImageCommand command, IEnumerable<KeyValuePair<string, string>> environment, OutputBuffer output, TimeProvider time)
    {
        var startInfo = new ProcessStartInfo
        {
            FileName = SetsidPath ?? command.FileName,
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = command.WorkingDirectory ?? string.Empty,
        };
        if (SetsidPath is not null)
        {
            startInfo.ArgumentList.Add(command.FileName);
        }

        foreach (var argument in command.Arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            startInfo.Environment[name] = value;
        }

        var process = Process.Start(startInfo) ?? throw new Win32Exception($"'{command.FileName}' did not start.");
        return new MachineProcess(process, output, time);
    }

    /// <summary>Sends a signal to the main process only, as Fly's init does on stop.</summary>
    public void Signal(int signal)
    {
        // Once exited, the id may belong to another process.
        if (!exited)
        {
            Signals.Send(Id, signal);
        }
    }

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

    private static async Task PumpAsync(StreamReader reader, bool isStandardError, OutputBuffer output, TimeProvider time)
    {
        try
        {
            while (await reader.ReadLineAsync() is { } line)
            {
                output.Add(new MachineOutputLine(time.GetUtcNow(), isStandardError, line));
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            // The pipe went away with the process.
        }
    }

    private static string? FindOnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, program))
            .FirstOrDefault(File.Exists);
}

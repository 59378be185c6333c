using System.Globalization;

namespace Meridian.Local.Processes;

/// <summary>
/// A folder recording the process groups a host started, one empty file per group named
/// <c>{pid}-{start time}</c>, while they run: a group leader started through setsid outlives a host
/// killed with SIGKILL, and the next host on the folder kills what its predecessor left. The start
/// time (<c>/proc/&lt;pid&gt;/stat</c> field 22) makes a record name one process, so a pid the kernel
/// has since given to another process is never killed. Linux only: elsewhere nothing is recorded or killed.
/// </summary>
public sealed class LeftoverProcessGroups
{
    private static readonly TimeSpan KillWait = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(20);

    private readonly string directory;

    /// <param name="directory">A folder of its own (created on the first record): every file in it named like a record is one.</param>
    public LeftoverProcessGroups(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        this.directory = Path.GetFullPath(directory);
    }

    /// <summary>Records a process that leads its own group (its pid is the group's id); call it right after the start.</summary>
    /// <returns>The record: dispose it, which deletes it, once the group is gone. Nothing is written for a process already gone, or off Linux.</returns>
    public IDisposable Record(int processId)
    {
        if (!OperatingSystem.IsLinux() || ProcessStartTime.OfLive(processId) is not { } startTime)
        {
            return new RecordFile(null);
        }

        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, string.Create(CultureInfo.InvariantCulture, $"{processId}-{startTime}"));
        File.WriteAllBytes(path, []);
        return new RecordFile(path);
    }

    /// <summary>
    /// Kills each recorded group whose leader is still the very process recorded (SIGKILL to the group),
    /// waits until that leader is gone, and deletes every record, stale ones included. A group whose
    /// leader has exited is left alone: its id can no longer be told apart from a reused one.
    /// </summary>
    /// <param name="gracePeriod">
    /// Zero kills at once. Otherwise the group is first sent SIGTERM and given this long to exit on
    /// its own: a leftover that still holds data in memory (Azurite saves its store every few seconds,
    /// and on SIGTERM) then keeps what its host had written.
    /// </param>
    /// <returns>The pids of the leaders killed.</returns>
    /// <exception cref="TimeoutException">A leader outlived SIGKILL by 5 s (stuck in the kernel); its record is kept.</exception>
    public async Task<IReadOnlyList<int>> KillAsync(TimeSpan gracePeriod = default, CancellationToken cancellationToken = default)
    {
        if (!OperatingSystem.IsLinux() || !Directory.Exists(directory))
        {
            return [];
        }

        var killed = new List<int>();
        foreach (var path in Directory.EnumerateFiles(directory))
        {
            if (!TryParse(Path.GetFileName(path), out var processId, out var startTime))
            {
                continue; // not a record: not ours to delete
            }

            if (ProcessStartTime.OfLive(processId) == startTime)
            {
                if (gracePeriod <= TimeSpan.Zero || !Signals.Send(-processId, Signals.SigTerm)
                    || !await ExitsWithinAsync(processId, startTime, gracePeriod, cancellationToken))
                {
                    Signals.Send(-processId, Signals.SigKill);
                    await WaitUntilGoneAsync(processId, startTime, cancellationToken);
                }

                killed.Add(processId);
            }

            File.Delete(path);
        }

        return killed;
    }

    private static async Task<bool> ExitsWithinAsync(int processId, long startTime, TimeSpan gracePeriod, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + gracePeriod;
        while (ProcessStartTime.OfLive(processId) == startTime)
        {
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }

            await Task.Delay(PollInterval, cancellationToken);
        }

        return true;
    }

    private static async Task WaitUntilGoneAsync(int processId, long startTime, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + KillWait;
        while (ProcessStartTime.OfLive(processId) == startTime)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Process group {processId} was still alive {KillWait.TotalSeconds:0} s after SIGKILL.");
            }

            await Task.Delay(PollInterval, cancellationToken);
        }
    }

    private static bool TryParse(string fileName, out int processId, out long startTime)
    {
        var parts = fileName.Split('-');
        startTime = 0;
        processId = 0;
        return parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out processId)
            && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out startTime);
    }

    /// <summary>One record; null path when nothing was recorded.</summary>
    private sealed class RecordFile(string? path) : IDisposable
    {
        public void Dispose()
        {
            if (path is null)
            {
                return;
            }

            try
            {
                File.Delete(path);
            }
            catch (DirectoryNotFoundException)
            {
                // The folder went with its records.
            }
        }
    }
}

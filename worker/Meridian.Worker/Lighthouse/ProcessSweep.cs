using System.Diagnostics;

namespace Meridian.Worker.Lighthouse;

/// <summary>
/// Finds processes by a marker in their command line (a run's Chrome profile folder) and kills them.
/// Linux only, through /proc: the worker runs on Linux machines.
/// </summary>
public static class ProcessSweep
{
    /// <summary>Ids of live processes whose command line contains <paramref name="marker"/>.</summary>
    public static IReadOnlyList<int> FindMarked(string marker)
    {
        ArgumentException.ThrowIfNullOrEmpty(marker);
        if (!Directory.Exists("/proc"))
        {
            return [];
        }

        var found = new List<int>();
        foreach (var folder in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(folder), out var pid) || pid == Environment.ProcessId)
            {
                continue;
            }

            try
            {
                // Arguments are NUL-separated; a marker never contains NUL.
                if (File.ReadAllText(Path.Combine(folder, "cmdline")).Contains(marker, StringComparison.Ordinal))
                {
                    found.Add(pid);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Exited while we looked, or not ours to read.
            }
        }

        return found;
    }

    /// <summary>Kills every live process whose command line contains <paramref name="marker"/>.</summary>
    public static int KillMarked(string marker)
    {
        var killed = 0;
        foreach (var pid in FindMarked(marker))
        {
            try
            {
                using var process = Process.GetProcessById(pid);
                process.Kill(entireProcessTree: true);
                killed++;
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
            {
                // Gone already.
            }
        }

        return killed;
    }
}

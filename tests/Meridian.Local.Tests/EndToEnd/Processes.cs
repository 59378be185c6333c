using Meridian.Local.Processes;

namespace Meridian.Local.Tests.EndToEnd;

/// <summary>Processes on this machine found by what they carry (Linux /proc): what a test checks is gone, or cleans up.</summary>
internal static class Processes
{
    /// <summary>Processes whose environment holds <paramref name="entry"/> (NAME=value), workers and their children alike.</summary>
    public static IReadOnlyList<int> WithEnvironment(string entry) =>
        Find(pid => File.ReadAllText($"/proc/{pid}/environ").Split('\0').Contains(entry, StringComparer.Ordinal));

    /// <summary>Processes whose command line mentions <paramref name="text"/> (a data folder, say).</summary>
    public static IReadOnlyList<int> WithCommandLine(string text) =>
        Find(pid => File.ReadAllText($"/proc/{pid}/cmdline").Contains(text, StringComparison.Ordinal));

    public static void KillAll(IEnumerable<int> pids)
    {
        foreach (var pid in pids)
        {
            Signals.Send(pid, Signals.SigKill);
        }
    }

    private static List<int> Find(Func<int, bool> matches)
    {
        var self = Environment.ProcessId;
        var found = new List<int>();
        foreach (var folder in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(folder), out var pid) || pid == self)
            {
                continue;
            }

            try
            {
                if (matches(pid) && !IsZombie(pid))
                {
                    found.Add(pid);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Gone meanwhile, or not ours to read.
            }
        }

        return found;
    }

    /// <summary>A process that has exited but is not reaped yet runs nothing.</summary>
    private static bool IsZombie(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        return stat[(stat.LastIndexOf(')') + 2)..].StartsWith('Z');
    }
}

using System.Globalization;
using System.Text;

namespace Meridian.Integration.Tests.FlyStandIn;

/// <summary>What /proc says about local processes (Linux).</summary>
internal static class LocalProcesses
{
    /// <summary>
    /// Alive means present and not a zombie: an orphan killed in a container whose init does not reap
    /// stays in /proc as a zombie, though it is gone for every practical purpose.
    /// </summary>
    public static bool IsAlive(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var state = stat[(stat.LastIndexOf(')') + 2)..][0];
            return state is not ('Z' or 'X');
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or IOException)
        {
            return false;
        }
    }

    /// <summary>Live processes whose environment has <paramref name="name"/>=<paramref name="value"/>.</summary>
    public static IReadOnlyList<int> WithEnvironment(string name, string value)
    {
        var wanted = Encoding.UTF8.GetBytes($"{name}={value}\0");
        var found = new List<int>();
        foreach (var folder in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(folder), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            try
            {
                if (File.ReadAllBytes(Path.Combine(folder, "environ")).AsSpan().IndexOf(wanted) >= 0 && IsAlive(pid))
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
}

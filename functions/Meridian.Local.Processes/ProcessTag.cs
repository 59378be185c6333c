using System.Globalization;
using System.Text;

namespace Meridian.Local.Processes;

/// <summary>
/// An environment variable naming the process group a process was started for. Every descendant
/// inherits it, even one that leaves the group and its session: Lighthouse's Chrome launcher starts
/// Chromium detached (setsid), so neither a group kill nor a walk of the parent links finds a Chromium
/// whose Lighthouse died first. <c>/proc/&lt;pid&gt;/environ</c> still does. Linux only.
/// </summary>
public static class ProcessTag
{
    // Not MERIDIAN_*: the worker strips those (its secrets) from the environment Lighthouse and Chrome get.
    public const string Variable = "LOCAL_PROCESS_GROUP";

    /// <summary>A tag no other group has.</summary>
    public static string New() => Guid.NewGuid().ToString("N");

    /// <summary>The live processes (other than this one) started with <paramref name="tag"/>.</summary>
    public static IReadOnlyList<int> Find(string tag)
    {
        ArgumentException.ThrowIfNullOrEmpty(tag);
        return FindWithVariable(Variable, tag);
    }

    /// <summary>The processes (other than this one) whose environment sets <paramref name="name"/> to <paramref name="value"/>.</summary>
    public static IReadOnlyList<int> FindWithVariable(string name, string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(value);
        if (!OperatingSystem.IsLinux())
        {
            return [];
        }

        var wanted = Encoding.UTF8.GetBytes($"{name}={value}");
        var found = new List<int>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) || pid == Environment.ProcessId)
            {
                continue;
            }

            if (HasEntry(Path.Combine(directory, "environ"), wanted))
            {
                found.Add(pid);
            }
        }

        return found;
    }

    /// <summary>Sends <paramref name="signal"/> to every live process started with <paramref name="tag"/>; returns how many were signalled.</summary>
    public static int SignalAll(string tag, int signal) => Find(tag).Count(pid => Signals.Send(pid, signal));

    private static bool HasEntry(string environFile, byte[] wanted)
    {
        byte[] environ;
        try
        {
            environ = File.ReadAllBytes(environFile);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false; // gone meanwhile, or not ours to read
        }

        // NUL-separated NAME=value entries: match a whole entry.
        foreach (var range in ((ReadOnlySpan<byte>)environ).Split((byte)0))
        {
            if (environ.AsSpan(range).SequenceEqual(wanted))
            {
                return true;
            }
        }

        return false;
    }
}

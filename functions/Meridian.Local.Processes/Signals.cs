using System.Runtime.InteropServices;

namespace Meridian.Local.Processes;

/// <summary>POSIX signals by name (Linux numbering), and libc's kill, which .NET does not expose.</summary>
public static partial class Signals
{
    public const int SigKill = 9;
    public const int SigTerm = 15;

    private static readonly Dictionary<string, int> ByName = new(StringComparer.OrdinalIgnoreCase)
    {
        ["SIGHUP"] = 1,
        ["SIGINT"] = 2,
        ["SIGQUIT"] = 3,
        ["SIGKILL"] = SigKill,
        ["SIGUSR1"] = 10,
        ["SIGUSR2"] = 12,
        ["SIGTERM"] = SigTerm,
    };

    public static bool TryParse(string name, out int signal) => ByName.TryGetValue(name, out signal);

    /// <summary>Sends <paramref name="signal"/> to a process, or to a process group when <paramref name="pid"/> is negative.</summary>
    public static bool Send(int pid, int signal) => Kill(pid, signal) == 0;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}

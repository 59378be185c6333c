using System.Runtime.InteropServices;

namespace Meridian.Azurite;

/// <summary>libc's kill, which .NET does not expose: it reaches a whole process group and sends SIGTERM.</summary>
internal static partial class Signals
{
    public const int SigKill = 9;
    public const int SigTerm = 15;

    /// <summary>Sends <paramref name="signal"/> to a process, or to a process group when <paramref name="pid"/> is negative.</summary>
    public static bool Send(int pid, int signal) => Kill(pid, signal) == 0;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}

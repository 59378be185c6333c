using System.Globalization;

namespace Meridian.Local.Processes;

/// <summary>
/// When a live process started, from <c>/proc/&lt;pid&gt;/stat</c> (field 22, clock ticks after boot):
/// a pid names one process only together with its start time, since the kernel reuses pids. Linux only.
/// </summary>
internal static class ProcessStartTime
{
    // Fields are counted from 1; the ones after the command name, which may hold spaces and
    // parentheses, start at field 3 (the state).
    private const int FirstFieldAfterName = 3;
    private const int StartTimeField = 22;

    /// <returns>The start time, or null when there is no such process or it is a zombie (it has exited, only its entry is left).</returns>
    public static long? OfLive(int processId)
    {
        string stat;
        try
        {
            stat = File.ReadAllText($"/proc/{processId}/stat");
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or IOException)
        {
            return null;
        }

        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var state = fields[0];
        return state is "Z" or "X"
            ? null
            : long.Parse(fields[StartTimeField - FirstFieldAfterName], NumberStyles.None, CultureInfo.InvariantCulture);
    }
}

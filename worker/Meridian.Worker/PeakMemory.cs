using System.Globalization;

namespace Meridian.Worker;

/// <summary>This process's peak resident memory (Linux VmHWM), Chrome and Node not included.</summary>
public static class PeakMemory
{
    /// <summary>Peak resident set in bytes, or null where /proc is not available.</summary>
    public static long? OfThisProcess()
    {
        const string status = "/proc/self/status";
        if (!File.Exists(status))
        {
            return null;
        }

        var line = File.ReadLines(status).FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        var kilobytes = line?.Split(' ', StringSplitOptions.RemoveEmptyEntries) is [_, var value, ..]
            && long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var kb) ? kb : (long?)null;
        return kilobytes * 1024;
    }
}

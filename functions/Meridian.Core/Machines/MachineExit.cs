namespace Meridian.Core.Machines;

/// <summary>How a machine's process ended, from Fly's exit event. Explains a region that went silent.</summary>
public sealed record MachineExit(int ExitCode, bool OomKilled, DateTimeOffset? ExitedAt)
{
    public string Describe() =>
        OomKilled ? $"The machine ran out of memory (exit code {ExitCode})."
        : ExitCode == 0 ? "The machine exited normally without delivering a result."
        : $"The machine exited with code {ExitCode}.";
}

namespace Meridian.Local.Commands;

/// <summary>How the local host's commands end.</summary>
public static class ExitCodes
{
    /// <summary>The audit completed with a result from at least one region (others may have failed: see the table).</summary>
    public const int Completed = 0;

    /// <summary>No region gave a result, or the audit itself failed.</summary>
    public const int Failed = 1;

    /// <summary>Bad arguments, a refused request or a missing prerequisite; nothing ran.</summary>
    public const int BadInput = 2;

    // Stopped by Ctrl+C or SIGTERM: 130 or 143 (128 + the signal), see StopSignals.
}

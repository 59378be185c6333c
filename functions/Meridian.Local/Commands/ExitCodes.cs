namespace Meridian.Local.Commands;

/// <summary>How the local host's commands end.</summary>
public static class ExitCodes
{
    /// <summary>The audit completed (regions may still have failed: see the table).</summary>
    public const int Completed = 0;

    /// <summary>The audit itself failed.</summary>
    public const int Failed = 1;

    /// <summary>Bad arguments, a refused request or a missing prerequisite; nothing ran.</summary>
    public const int BadInput = 2;
}

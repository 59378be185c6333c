namespace Meridian.Local.FlyStandIn.Machines;

/// <summary>One line a machine's process wrote: what <c>fly logs</c> would show.</summary>
public sealed record MachineOutputLine(DateTimeOffset Timestamp, bool IsStandardError, string Text)
{
    public override string ToString() => IsStandardError ? $"[stderr] {Text}" : Text;
}

namespace Meridian.Local.Tests.Durable;

/// <summary>How long a test waits, in real time, for work the host does on its own threads.</summary>
internal static class Within
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
}

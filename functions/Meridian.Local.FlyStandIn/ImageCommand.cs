namespace Meridian.Local.FlyStandIn;

/// <summary>The local command line that stands in for a machine image.</summary>
/// <param name="FileName">The program to run (looked up on PATH when it has no directory).</param>
/// <param name="Arguments">Its arguments, passed as they are (no shell parsing).</param>
/// <param name="WorkingDirectory">Where it runs; the stand-in's current directory when null.</param>
public sealed record ImageCommand(string FileName, IReadOnlyList<string> Arguments, string? WorkingDirectory = null)
{
    /// <summary>A POSIX shell script, for images that are a line of shell (tests, injected faults).</summary>
    public static ImageCommand Shell(string script) => new("/bin/sh", ["-c", script]);

    public override string ToString() => string.Join(' ', [FileName, .. Arguments]);
}

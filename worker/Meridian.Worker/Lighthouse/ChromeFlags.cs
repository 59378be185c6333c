namespace Meridian.Worker.Lighthouse;

/// <summary>The flags Chrome runs with under Lighthouse (DESIGN.md, "Lighthouse facts").</summary>
public static class ChromeFlags
{
    private static readonly string[] Common =
    [
        "--headless=new",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
    ];

    /// <summary>
    /// The flags for one run. <paramref name="profileDirectory"/> is a fresh profile per run, which also
    /// marks every Chrome process of the run so none can be left behind. The sandbox stays on unless
    /// <paramref name="noSandbox"/>: as root Chrome refuses to start with it.
    /// </summary>
    public static IReadOnlyList<string> For(string profileDirectory, bool noSandbox) =>
        [.. Common, .. noSandbox ? ["--no-sandbox"] : Array.Empty<string>(), $"--user-data-dir={profileDirectory}"];

    /// <summary>The sandbox decision: an explicit setting wins; otherwise only root goes without.</summary>
    public static bool NoSandbox(bool? setting) => setting ?? Environment.IsPrivilegedProcess;
}

using Meridian.Local.FlyStandIn;

namespace Meridian.Integration.Tests.FlyStandIn;

/// <summary>Small shell scripts that play machine images in the tests.</summary>
internal static class TestImages
{
    public const string ExitSeven = "test/exit-7";
    public const string ExitZero = "test/exit-0";
    public const string PrintEnvironment = "test/env";

    /// <summary>A shell waiting on a backgrounded sleep, printing "child PID": a process tree.</summary>
    public const string Tree = "test/tree";

    /// <summary>Exits 0 on SIGTERM, saying so.</summary>
    public const string GracefulOnTerm = "test/graceful";

    /// <summary>Ignores SIGTERM: only the kill after the stop timeout ends it.</summary>
    public const string IgnoresTerm = "test/ignores-term";

    public static Dictionary<string, ImageCommand> All() => new(StringComparer.Ordinal)
    {
        [ExitSeven] = ImageCommand.Shell("echo 'about to fail'; exit 7"),
        [ExitZero] = ImageCommand.Shell("echo 'the real image ran'; exit 0"),
        [PrintEnvironment] = ImageCommand.Shell("env"),
        [Tree] = ImageCommand.Shell("sleep 3600 & echo \"child $!\"; wait"),
        [GracefulOnTerm] = ImageCommand.Shell("trap 'echo got TERM; exit 0' TERM; sleep 3600 & echo \"child $!\"; wait"),
        [IgnoresTerm] = ImageCommand.Shell("trap '' TERM; sleep 3600 & echo \"child $!\"; wait"),
    };

    /// <summary>The pid a tree image printed as "child PID".</summary>
    public static int? ChildPid(Meridian.Local.FlyStandIn.Machines.MachineSnapshot machine) =>
        machine.Output.Select(line => line.Text).FirstOrDefault(text => text.StartsWith("child ", StringComparison.Ordinal)) is { } text
            ? int.Parse(text["child ".Length..], System.Globalization.CultureInfo.InvariantCulture)
            : null;
}

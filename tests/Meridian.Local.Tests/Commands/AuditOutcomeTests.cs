using Meridian.Core.Audits;
using Meridian.Local.Commands;
using Meridian.Local.Terminal;
using Meridian.Testing.Audits;
using Spectre.Console;

namespace Meridian.Local.Tests.Commands;

/// <summary>What <c>audit</c> tells a user and a script at the end: the table, the closing line and the exit code agree.</summary>
public sealed class AuditOutcomeTests
{
    [Fact]
    public void An_audit_with_one_completed_region_among_failures_exits_0_with_the_median()
    {
        var state = AuditViewBuilder.SixRegions().BuildCompleted();

        Assert.Equal(ExitCodes.Completed, AuditOutcome.ExitCode(state));
        Assert.StartsWith("Median score 71; fastest iad, slowest syd; 3 completed, 1 failed, 1 timed out, 1 unavailable.", AuditOutcome.Summary(state));
    }

    [Fact]
    public void An_audit_whose_every_region_failed_exits_1_and_says_so_without_NaN()
    {
        var state = new AuditViewBuilder()
            .Ended("iad", RegionStatus.Failed, "Lighthouse failed in 3 of 3 runs: NO_FCP.")
            .Ended("syd", RegionStatus.TimedOut, "No result by the deadline.")
            .BuildCompleted();

        Assert.Equal(ExitCodes.Failed, AuditOutcome.ExitCode(state));
        var summary = AuditOutcome.Summary(state)!;
        Assert.Contains("No region completed", summary, StringComparison.Ordinal);
        Assert.DoesNotContain("NaN", summary, StringComparison.Ordinal);
        Assert.Contains("0 completed, 1 failed, 1 timed out", summary, StringComparison.Ordinal);
    }

    [Fact]
    public void A_failed_audit_exits_1_with_its_failure_escaped()
    {
        var state = new AuditViewBuilder().Waiting("iad").BuildFailed("Storage [refused] the record.");

        Assert.Equal(ExitCodes.Failed, AuditOutcome.ExitCode(state));
        Assert.Equal("[red]The audit failed:[/] Storage [[refused]] the record.", AuditOutcome.Summary(state));
    }

    [Fact]
    public void The_table_shows_a_long_reason_whole_and_escapes_control_characters_from_the_page()
    {
        var reason = "Lighthouse failed in 3 of 3 runs: " + string.Join(' ', Enumerable.Repeat("PROTOCOL_TIMEOUT", 12)) + " end\u001b[31m\u202E.";
        var state = new AuditViewBuilder().Ended("iad", RegionStatus.Failed, reason).BuildCompleted();

        var text = Render(RegionTable.For(state), width: 100);

        Assert.DoesNotContain('\u001b', text);
        Assert.DoesNotContain('\u202E', text);
        var escaped = reason.Replace("\u001b", @"\u001b", StringComparison.Ordinal).Replace("\u202E", @"\u202e", StringComparison.Ordinal);
        Assert.Contains(WithoutSpaces(escaped), WithoutSpaces(Unwrapped(text)), StringComparison.Ordinal);
    }

    private static string Render(Table table, int width)
    {
        using var writer = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Out = new AnsiConsoleOutput(writer),
        });
        console.Profile.Width = width;
        console.Write(table);
        return writer.ToString();
    }

    /// <summary>Wrapping turns spaces into line ends: compare the characters only.</summary>
    private static string WithoutSpaces(string text) => string.Concat(text.Where(c => !char.IsWhiteSpace(c)));

    /// <summary>The Note column's text with the table's wrapping and borders taken out.</summary>
    private static string Unwrapped(string table) => string.Concat(table.Split('\n')
        .Select(line => line.TrimEnd().TrimEnd('│').TrimEnd())
        .Select(line => line.Length > 0 && line.LastIndexOf('│') is var bar and >= 0 ? line[(bar + 1)..].Trim() : string.Empty));
}

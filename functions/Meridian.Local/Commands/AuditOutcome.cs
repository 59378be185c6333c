using System.Globalization;
using Meridian.Core.Audits;
using Meridian.Core.Audits.Api;

using Spectre.Console;

namespace Meridian.Local.Commands;

/// <summary>How <c>audit</c> sums up a finished audit: the closing line and the exit code, which must agree.</summary>
public static class AuditOutcome
{
    /// <summary>
    /// <see cref="ExitCodes.Completed"/> only for a completed audit with a result from at least one
    /// region: an audit whose every region failed is a failure, whatever the orchestration says.
    /// </summary>
    public static int ExitCode(AuditView state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var completed = state.Regions.Count(region => region.Status == RegionStatus.Completed);
        return state.Status == "completed" && completed > 0 ? ExitCodes.Completed : ExitCodes.Failed;
    }

    /// <summary>The closing line (Spectre markup), or null when there is nothing to sum up.</summary>
    public static string? Summary(AuditView state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.Report?.Aggregates is { } aggregates)
        {
            // No median of nothing: "NaN" tells a user nothing.
            var score = aggregates.MedianPerformanceScore is { } median
                ? $"Median score {Math.Round(median * 100).ToString(CultureInfo.InvariantCulture)}; fastest {aggregates.FastestRegion}, slowest {aggregates.SlowestRegion}"
                : "[red]No region completed[/]";
            return $"{score}; {aggregates.Completed} completed, {aggregates.Failed} failed, {aggregates.TimedOut} timed out, {aggregates.Unavailable} unavailable.";
        }

        return state.Failure is { } failure ? $"[red]The audit failed:[/] {Markup.Escape(failure)}" : null;
    }
}

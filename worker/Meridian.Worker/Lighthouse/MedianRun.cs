namespace Meridian.Worker.Lighthouse;

/// <summary>
/// Picks the representative run the way Lighthouse's own <c>computeMedianRun</c> does
/// (core/lib/median-run.js): the run closest, by Euclidean distance, to the median FCP and the
/// median TTI together, ties broken by the lower TTI, then by run order. FCP and TTI bracket the page
/// load from its first to its last moment; the score alone swings on outliers at either end.
/// </summary>
public static class MedianRun
{
    /// <summary>
    /// Whether a run can take part: Lighthouse's <c>filterToValidRuns</c>, which needs a finite, non-zero
    /// FCP and TTI (its <c>numericValue || NaN</c> treats 0 as missing).
    /// </summary>
    public static bool IsValid(LighthouseMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        return Usable(metrics.FirstContentfulPaintMs) && Usable(metrics.TimeToInteractiveMs);
    }

    /// <summary>The index, in <paramref name="runs"/>, of the median run.</summary>
    /// <exception cref="ArgumentException">No runs, or a run without FCP or TTI (filter with <see cref="IsValid"/> first).</exception>
    public static int Select(IReadOnlyList<LighthouseMetrics> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        if (runs.Count == 0)
        {
            throw new ArgumentException("No runs provided.", nameof(runs));
        }

        if (!runs.All(IsValid))
        {
            throw new ArgumentException("Every run needs an FCP and a TTI.", nameof(runs));
        }

        var medianFcp = Median(runs.Select(run => run.FirstContentfulPaintMs!.Value));
        var medianTti = Median(runs.Select(run => run.TimeToInteractiveMs!.Value));

        // OrderBy is stable, like Array.prototype.sort: equal runs keep their order.
        return runs
            .Select((run, index) => (Index: index, Fcp: run.FirstContentfulPaintMs!.Value, Tti: run.TimeToInteractiveMs!.Value))
            .OrderBy(run => Square(medianFcp - run.Fcp) + Square(medianTti - run.Tti))
            .ThenBy(run => run.Tti)
            .First()
            .Index;
    }

    /// <summary>The middle value, or the mean of the two middle values of an even count.</summary>
    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
        {
            throw new ArgumentException("No values provided.", nameof(values));
        }

        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private static bool Usable(double? value) => value is { } v && v != 0 && double.IsFinite(v);

    private static double Square(double value) => value * value;
}

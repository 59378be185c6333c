namespace Meridian.Core.Reports;

/// <summary>Lighthouse's three bands for a metric, and the words the report prints next to the colour.</summary>
internal enum Rating
{
    Good,
    NeedsImprovement,
    Poor,
}

/// <summary>
/// Where a metric turns from good to needs-improvement to poor (Lighthouse's and web.dev's bands).
/// </summary>
/// <param name="Good">The bound of the good band (inclusive).</param>
/// <param name="NeedsImprovement">The bound of the needs-improvement band (inclusive); past it is poor.</param>
/// <param name="HigherIsBetter">True for the score (at least the bound), false for times and shifts (at most the bound).</param>
internal sealed record MetricThresholds(double Good, double NeedsImprovement, bool HigherIsBetter)
{
    public Rating Rate(double value) =>
        Within(value, Good) ? Rating.Good
        : Within(value, NeedsImprovement) ? Rating.NeedsImprovement
        : Rating.Poor;

    private bool Within(double value, double bound) => HigherIsBetter ? value >= bound : value <= bound;
}

internal static class RatingText
{
    /// <summary>The word printed next to a rated value, so the rating never rests on colour alone.</summary>
    public static string Label(this Rating rating) => rating switch
    {
        Rating.Good => "good",
        Rating.NeedsImprovement => "needs improvement",
        _ => "poor",
    };

    /// <summary>Lighthouse's shapes for the bands (circle, square, triangle): a second cue besides colour.</summary>
    public static string Symbol(this Rating rating) => rating switch
    {
        Rating.Good => "●",
        Rating.NeedsImprovement => "■",
        _ => "▲",
    };

    /// <summary>The CSS class that colours a rated value or bar.</summary>
    public static string CssClass(this Rating rating) => rating switch
    {
        Rating.Good => "good",
        Rating.NeedsImprovement => "average",
        _ => "poor",
    };

    /// <summary>The CSS class of a value that may have no rating (a metric the report does not rate, or no value).</summary>
    public static string CssClass(this Rating? rating) => rating?.CssClass() ?? "unrated";
}

namespace Meridian.Core.Monitors.Alerts;

/// <summary>The two things a monitor tells its webhook (the <c>kind</c> of an alert payload).</summary>
public static class AlertKind
{
    /// <summary>The page broke its thresholds in two audits in a row.</summary>
    public const string Regression = "regression";

    /// <summary>The first audit within the thresholds after a regression.</summary>
    public const string Recovery = "recovery";
}

/// <summary>A notice an audit raised, waiting to be sent to the monitor's webhook.</summary>
/// <param name="Kind"><see cref="AlertKind.Regression"/> or <see cref="AlertKind.Recovery"/>.</param>
/// <param name="AuditId">The audit that raised it; with <paramref name="Kind"/> it identifies the notice (receivers can drop repeats).</param>
/// <param name="At">When it was raised.</param>
/// <param name="Breaches">The thresholds that audit broke (empty for a recovery).</param>
/// <param name="MedianPerformanceScore">That audit's median score across its completed regions.</param>
public sealed record AlertNotice(
    string Kind,
    string AuditId,
    DateTimeOffset At,
    IReadOnlyList<string> Breaches,
    double? MedianPerformanceScore);

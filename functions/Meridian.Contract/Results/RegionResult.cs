
namespace Meridian.Contract.Results;

/// <summary>
/// What a worker reports for its region, by callback (raised as the <c>region-result</c> event) or,
/// when the callback cannot be reached, as a fallback blob read at the deadline.
/// </summary>
/// <param name="ResultId">Unique per delivery attempt series; a repeated id is a duplicate delivery.</param>
/// <param name="Succeeded">False when too few Lighthouse runs succeeded; <see cref="FailureReason"/> says why.</param>
/// <param name="Summary">The median run's numbers; null when <see cref="Succeeded"/> is false.</param>
/// <param name="FinishedAt">When the worker finished, by its own clock.</param>
public sealed record RegionResult(
    string ResultId,
    string AuditId,
    string Region,
    bool Succeeded,
    string? FailureReason,
    RegionResultSummary? Summary,
    DateTimeOffset FinishedAt);

namespace Meridian.Core.Machines;

/// <summary>
/// The one create budget of a Fly app, shared by every audit, every retry and every app instance:
/// Fly limits creates per app, not per caller, so audits pacing themselves alone still meet 429s
/// when two of them (or a monitor slot for many monitors) create at once. Every create takes a turn
/// here just before it is sent.
/// </summary>
public interface ICreateBudget
{
    /// <summary>Takes the next turn: when this create may be sent. A turn not used only ever slows creates down.</summary>
    Task<DateTimeOffset> TakeTurnAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Fly refused a create until <paramref name="until"/> (429, Retry-After): no turn taken from now on comes
    /// before then. Turns already given go at their time; they were spaced within the budget, and a
    /// create refused among them holds the budget again.
    /// </summary>
    Task HoldUntilAsync(DateTimeOffset until, CancellationToken cancellationToken);
}

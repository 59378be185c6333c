namespace Meridian.Core.Machines;

/// <summary>
/// Spreads machine creates under Fly's per-app limit (about 1 create/s with bursts of 3): the first
/// <see cref="Burst"/> creates go at once, then one every <see cref="Interval"/>.
/// </summary>
public sealed record CreatePacing(int Burst, TimeSpan Interval)
{
    /// <summary>
    /// Burst 3, then one create every 1.2 s. Pacing at exactly the limit leaves no token for a create
    /// that had to retry (one that ran a moment early, or a 5xx): each retry meets the next paced create
    /// at the refill and can starve. The 20% margin (18 regions: 18 s instead of the 15 s floor) gives
    /// retries room; `dotnet run --project tests/Meridian.Benchmarks -- fly` shows both.
    /// </summary>
    public static CreatePacing FlyDefault { get; } = new(3, TimeSpan.FromMilliseconds(1200));

    /// <summary>When the create for the region at <paramref name="index"/> (0-based, request order) may be sent.</summary>
    public DateTime SlotFor(int index, DateTime start) => start + (Interval * Math.Max(0, index - Burst + 1));
}

namespace Meridian.Core.Orchestration;

/// <summary>
/// A token bucket for machine creates, as Fly enforces it per app (about 1 create/s with bursts of 3):
/// the first <see cref="Burst"/> creates go at once, then one every <see cref="Interval"/>.
/// </summary>
public sealed record CreatePacing(int Burst, TimeSpan Interval)
{
    public static CreatePacing FlyDefault { get; } = new(3, TimeSpan.FromSeconds(1));

    /// <summary>When the create for the region at <paramref name="index"/> (0-based, request order) may be sent.</summary>
    public DateTime SlotFor(int index, DateTime start) => start + (Interval * Math.Max(0, index - Burst + 1));
}

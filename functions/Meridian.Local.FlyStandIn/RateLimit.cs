namespace Meridian.Local.FlyStandIn;

/// <summary>A token bucket: <paramref name="Burst"/> requests at once, refilled at <paramref name="PerSecond"/>.</summary>
public sealed record RateLimit(double PerSecond, int Burst)
{
    /// <summary>Fly's limit for most actions (create, start, stop, delete, list): 1/s, burst 3.</summary>
    public static RateLimit PerAction { get; } = new(1, 3);

    /// <summary>Fly's limit for reading a machine (get, wait): 5/s, burst 10.</summary>
    public static RateLimit Reads { get; } = new(5, 10);
}

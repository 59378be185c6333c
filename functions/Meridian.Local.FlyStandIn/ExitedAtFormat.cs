namespace Meridian.Local.FlyStandIn;

/// <summary>How exit events write <c>exited_at</c>: Fly has been seen sending both forms.</summary>
public enum ExitedAtFormat
{
    /// <summary>RFC 3339 for one machine, epoch milliseconds for the next, so a client meets both.</summary>
    Alternate,
    Rfc3339,
    EpochMilliseconds,
}

namespace Meridian.Contract.Delivery;

/// <summary>The outcome of checking a signed callback.</summary>
public enum SignatureVerdict
{
    Valid,

    /// <summary>A header is absent or empty.</summary>
    Missing,

    /// <summary>A header is not in the documented format.</summary>
    Malformed,

    /// <summary>The signature does not match the body under this region's key.</summary>
    Mismatch,

    /// <summary>The signature matches but the timestamp is outside the tolerance: a replay or a wrong clock.</summary>
    Stale,
}

namespace Meridian.Contract.Delivery;

/// <summary>
/// How a worker leaves its result when the callback cannot be reached: the exact body it would have
/// POSTed, as the blob's content, with the two signature headers as blob metadata. The reader checks
/// it exactly as the callback would (<see cref="CallbackSignature.Verify"/>), except that the
/// timestamp may be as old as the audit: the blob is read at the deadline, not on arrival.
/// </summary>
public static class FallbackBlobFormat
{
    /// <summary>Metadata key of <see cref="CallbackSignature.TimestampHeader"/>'s value (metadata keys must be C# identifiers).</summary>
    public const string TimestampMetadata = "meridian_timestamp";

    /// <summary>Metadata key of <see cref="CallbackSignature.SignatureHeader"/>'s value.</summary>
    public const string SignatureMetadata = "meridian_signature";

    public const string ContentType = "application/json";
}

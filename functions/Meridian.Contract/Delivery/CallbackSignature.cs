using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Meridian.Contract.Delivery;

/// <summary>
/// How a worker's result is signed: HMAC-SHA256 with the region's key over
/// <c>"{timestamp}." + body</c>, where the timestamp is Unix seconds. Sent as two headers:
/// <c>X-Meridian-Timestamp: 1763900000</c> and <c>X-Meridian-Signature: v1=&lt;64 hex digits&gt;</c>.
/// The timestamp is signed so a captured request cannot be replayed later with a fresh one.
/// </summary>
public static class CallbackSignature
{
    public const string TimestampHeader = "X-Meridian-Timestamp";
    public const string SignatureHeader = "X-Meridian-Signature";

    /// <summary>Scheme prefix of the signature header, so the scheme can change without ambiguity.</summary>
    public const string Version = "v1=";

    /// <summary>How far a callback's timestamp may be from the receiver's clock, either way.</summary>
    public static readonly TimeSpan DefaultTolerance = TimeSpan.FromMinutes(5);

    /// <summary>Signs a body as of <paramref name="signedAt"/>.</summary>
    public static SignedHeaders Sign(ReadOnlySpan<byte> key, DateTimeOffset signedAt, ReadOnlySpan<byte> body)
    {
        var timestamp = signedAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        return new SignedHeaders(timestamp, Version + Convert.ToHexStringLower(Mac(key, timestamp, body)));
    }

    /// <summary>
    /// Checks the two headers against the body. <paramref name="tolerance"/> bounds how old (or how
    /// far in the future) the timestamp may be; a fallback blob, read at the deadline, passes the audit's length.
    /// </summary>
    public static SignatureVerdict Verify(
        ReadOnlySpan<byte> key,
        string? timestampHeader,
        string? signatureHeader,
        ReadOnlySpan<byte> body,
        DateTimeOffset now,
        TimeSpan tolerance)
    {
        if (string.IsNullOrEmpty(timestampHeader) || string.IsNullOrEmpty(signatureHeader))
        {
            return SignatureVerdict.Missing;
        }

        if (!long.TryParse(timestampHeader, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || seconds > DateTimeOffset.MaxValue.ToUnixTimeSeconds()
            || !signatureHeader.StartsWith(Version, StringComparison.Ordinal)
            || signatureHeader.Length != Version.Length + (HMACSHA256.HashSizeInBytes * 2))
        {
            return SignatureVerdict.Malformed;
        }

        byte[] presented;
        try
        {
            presented = Convert.FromHexString(signatureHeader.AsSpan(Version.Length));
        }
        catch (FormatException)
        {
            return SignatureVerdict.Malformed;
        }

        // The MAC first, so a forger learns nothing from whether their timestamp was acceptable.
        if (!CryptographicOperations.FixedTimeEquals(presented, Mac(key, timestampHeader, body)))
        {
            return SignatureVerdict.Mismatch;
        }

        var signedAt = DateTimeOffset.FromUnixTimeSeconds(seconds);
        return (now - signedAt).Duration() > tolerance ? SignatureVerdict.Stale : SignatureVerdict.Valid;
    }

    private static byte[] Mac(ReadOnlySpan<byte> key, string timestamp, ReadOnlySpan<byte> body)
    {
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, key);
        hmac.AppendData(Encoding.ASCII.GetBytes(timestamp + "."));
        hmac.AppendData(body);
        return hmac.GetHashAndReset();
    }
}

/// <summary>The values of the two signature headers.</summary>
public sealed record SignedHeaders(string Timestamp, string Signature);

using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Meridian.Contract.Delivery;

/// <summary>
/// The key a worker signs its result with. Derived per audit and region from the app's master key
/// (HKDF-SHA256), so the key handed to a machine signs for that one region of that one audit and
/// nothing else, and the app never stores per-region keys: it derives them again to verify.
/// </summary>
public static class CallbackSigningKey
{
    /// <summary>Length of a derived key, and the minimum length of the master key, in bytes.</summary>
    public const int Length = 32;

    /// <summary>Derives the key for one region of one audit.</summary>
    /// <exception cref="ArgumentException">The master key is shorter than <see cref="Length"/> bytes.</exception>
    public static byte[] Derive(ReadOnlySpan<byte> masterKey, string auditId, string region)
    {
        ArgumentException.ThrowIfNullOrEmpty(auditId);
        ArgumentException.ThrowIfNullOrEmpty(region);
        if (masterKey.Length < Length)
        {
            throw new ArgumentException($"The callback signing master key must be at least {Length} bytes.", nameof(masterKey));
        }

        // The info names the purpose and version so the same master key can never yield this key for another use.
        var info = Encoding.UTF8.GetBytes($"meridian/callback-signing/v1\n{auditId}\n{region}");
        var key = new byte[Length];
        HKDF.DeriveKey(HashAlgorithmName.SHA256, masterKey, key, salt: [], info);
        return key;
    }

    /// <summary>The key as the worker receives it in its environment: base64url, no padding.</summary>
    public static string ToText(ReadOnlySpan<byte> key) => Base64Url.EncodeToString(key);

    /// <summary>Reads a key written by <see cref="ToText"/>; false unless it decodes to exactly <see cref="Length"/> bytes.</summary>
    public static bool TryParse(string? text, out byte[] key)
    {
        key = [];
        if (string.IsNullOrWhiteSpace(text) || !Base64Url.IsValid(text, out var length) || length != Length)
        {
            return false;
        }

        key = Base64Url.DecodeFromChars(text);
        return true;
    }

    /// <summary>
    /// Reads the app's master key setting: base64 (standard or url-safe) of at least <see cref="Length"/> bytes.
    /// </summary>
    public static bool TryParseMaster(string? text, out byte[] masterKey)
    {
        masterKey = [];
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var urlSafe = text.Trim().TrimEnd('=').Replace('+', '-').Replace('/', '_');
        if (!Base64Url.IsValid(urlSafe, out var length) || length < Length)
        {
            return false;
        }

        masterKey = Base64Url.DecodeFromChars(urlSafe);
        return true;
    }
}

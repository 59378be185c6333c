using System.Buffers.Text;
using System.Text;

namespace Meridian.Core.Storage;

/// <summary>
/// Puts text into blob metadata and reads it back. Metadata values travel as HTTP headers, so only
/// printable ASCII without surrounding spaces survives unchanged; anything else (an internationalized
/// URL, a line break) is stored base64url-encoded UTF-8 under the key with <see cref="EncodedSuffix"/>,
/// and read back transparently.
/// </summary>
internal static class BlobMetadataText
{
    public const string EncodedSuffix = "_b64";

    public static void Set(IDictionary<string, string> metadata, string key, string? value)
    {
        if (value is null)
        {
            return;
        }

        if (IsRepresentable(value))
        {
            metadata[key] = value;
        }
        else
        {
            metadata[key + EncodedSuffix] = Base64Url.EncodeToString(Encoding.UTF8.GetBytes(value));
        }
    }

    /// <summary>The value under <paramref name="key"/>, plain or encoded; null when absent or not decodable.</summary>
    public static string? Get(IDictionary<string, string>? metadata, string key)
    {
        if (metadata is null)
        {
            return null;
        }

        if (metadata.TryGetValue(key, out var plain))
        {
            return plain;
        }

        return metadata.TryGetValue(key + EncodedSuffix, out var encoded) && Base64Url.IsValid(encoded)
            ? Encoding.UTF8.GetString(Base64Url.DecodeFromChars(encoded))
            : null;
    }

    internal static bool IsRepresentable(string value) =>
        value.Length > 0
        && value[0] != ' '
        && value[^1] != ' '
        && value.All(c => c is >= ' ' and <= '~');
}

using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Meridian.Core.Configuration;
using Microsoft.Extensions.Options;

namespace Meridian.Core.Http;

/// <summary>
/// The continuation tokens a list answers with: the store's own position, sealed with an HMAC and
/// bound to the listing it came from. A token this API did not hand out (garbage, edited, or from
/// the other list) is refused with 400 before storage sees it, so a forged storage continuation can
/// neither page through anything nor make storage fail.
/// </summary>
public sealed class PageTokens(IOptions<MeridianOptions> options)
{
    /// <summary>Longer than any token this API writes; anything longer is refused unread.</summary>
    public const int MaxLength = 4096;

    public const string Problem = "'continuationToken' must be the token of the previous page, unchanged; omit it for the first page.";

    private const int TagBytes = 16;

    // A key of its own for tokens, derived from the master key, so a token never doubles as a callback signature.
    private readonly Lazy<byte[]> key = new(() =>
        HMACSHA256.HashData(options.Value.CallbackMasterKey(), "meridian/page-tokens/v1"u8));

    /// <summary>The token to hand out for the store's <paramref name="position"/> in <paramref name="listing"/>; null stays null (last page).</summary>
    public string? Seal(string listing, string? position)
    {
        if (position is null)
        {
            return null;
        }

        var payload = Encoding.UTF8.GetBytes(position);
        return Base64Url.EncodeToString([.. Tag(listing, payload), .. payload]);
    }

    /// <summary>The store's position inside a token this API handed out for <paramref name="listing"/>, or false.</summary>
    public bool TryOpen(string listing, string token, out string position)
    {
        position = "";
        if (token.Length > MaxLength || !Base64Url.IsValid(token, out var length) || length <= TagBytes)
        {
            return false;
        }

        var bytes = Base64Url.DecodeFromChars(token);
        var payload = bytes.AsSpan(TagBytes);
        if (!CryptographicOperations.FixedTimeEquals(bytes.AsSpan(0, TagBytes), Tag(listing, payload)))
        {
            return false;
        }

        position = Encoding.UTF8.GetString(payload);
        return true;
    }

    private byte[] Tag(string listing, ReadOnlySpan<byte> payload)
    {
        byte[] message = [.. Encoding.UTF8.GetBytes(listing + "\n"), .. payload];
        return HMACSHA256.HashData(key.Value, message)[..TagBytes];
    }
}

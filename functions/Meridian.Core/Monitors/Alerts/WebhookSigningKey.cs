using System.Security.Cryptography;
using System.Text;
using Meridian.Contract.Delivery;

namespace Meridian.Core.Monitors.Alerts;

/// <summary>
/// The key a monitor's alert webhooks are signed with (HMAC-SHA256 over <c>{timestamp}.{body}</c>,
/// the same headers and scheme as worker callbacks, see <see cref="CallbackSignature"/>). Derived
/// from the app's master key and the monitor id, so nothing is stored; the API shows it to the
/// monitor's owner as <c>webhookSecret</c> (base64url) so the receiver can verify.
/// </summary>
public static class WebhookSigningKey
{
    /// <exception cref="ArgumentException">The master key is shorter than <see cref="CallbackSigningKey.Length"/> bytes.</exception>
    public static byte[] Derive(ReadOnlySpan<byte> masterKey, string monitorId)
    {
        ArgumentException.ThrowIfNullOrEmpty(monitorId);
        if (masterKey.Length < CallbackSigningKey.Length)
        {
            throw new ArgumentException($"The signing master key must be at least {CallbackSigningKey.Length} bytes.", nameof(masterKey));
        }

        // A purpose of its own: never the same bytes as a callback key, whatever the ids.
        var info = Encoding.UTF8.GetBytes($"meridian/webhook-signing/v1\n{monitorId}");
        var key = new byte[CallbackSigningKey.Length];
        HKDF.DeriveKey(HashAlgorithmName.SHA256, masterKey, key, salt: [], info);
        return key;
    }

    /// <summary>As the API shows it: base64url, no padding.</summary>
    public static string ToText(ReadOnlySpan<byte> key) => CallbackSigningKey.ToText(key);
}

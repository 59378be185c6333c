using System.Diagnostics.CodeAnalysis;
using System.Net;

namespace Meridian.Contract.Targets;

/// <summary>
/// Reads a host the way browsers (WHATWG URL "IPv4 parser") and inet_aton do, so every spelling
/// Chrome would connect to as an IPv4 address is recognised: 1 to 4 dot-separated parts, each
/// decimal, 0-prefixed octal or 0x-prefixed hex, the last part filling the remaining bytes.
/// "2130706433", "0177.0.0.1", "0x7f.1" and "127.1" all mean 127.0.0.1.
/// </summary>
/// <remarks>
/// <see cref="Uri"/> already normalises most of these, but not all (it leaves "127.0.0.1." as a DNS
/// name), and the guard may be handed a host that never went through <see cref="Uri"/>.
/// </remarks>
internal static class Ipv4Literal
{
    public static bool TryParse(string host, [NotNullWhen(true)] out IPAddress? address)
    {
        address = null;
        var parts = host.Split('.');

        // One trailing dot is allowed, as in a fully qualified name ("127.0.0.1.").
        var count = parts.Length > 1 && parts[^1].Length == 0 ? parts.Length - 1 : parts.Length;
        if (count is < 1 or > 4)
        {
            return false;
        }

        uint value = 0;
        for (var i = 0; i < count; i++)
        {
            if (!TryParsePart(parts[i], out var part))
            {
                return false;
            }

            var isLast = i == count - 1;
            // Leading parts are one byte each; the last part covers every byte that is left.
            var bytesLeft = isLast ? 4 - i : 1;
            if (bytesLeft < 4 && part >> (8 * bytesLeft) != 0)
            {
                return false;
            }

            value |= isLast ? (uint)part : (uint)part << (8 * (3 - i));
        }

        address = new IPAddress([(byte)(value >> 24), (byte)(value >> 16), (byte)(value >> 8), (byte)value]);
        return true;
    }

    private static bool TryParsePart(string text, out ulong value)
    {
        value = 0;
        if (text.Length == 0)
        {
            return false;
        }

        var (digits, radix) = text switch
        {
            _ when text.StartsWith("0x", StringComparison.OrdinalIgnoreCase) => (text[2..], 16),
            _ when text.Length > 1 && text[0] == '0' => (text[1..], 8),
            _ => (text, 10),
        };

        // "0x" alone is 0 for browsers; accepting it only ever blocks more.
        foreach (var c in digits)
        {
            var digit = HexDigit(c);
            if (digit < 0 || digit >= radix)
            {
                return false;
            }

            value = value * (ulong)radix + (ulong)digit;
            if (value > uint.MaxValue)
            {
                return false;
            }
        }

        return true;
    }

    private static int HexDigit(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        >= 'A' and <= 'F' => c - 'A' + 10,
        _ => -1,
    };
}

using System.Security.Cryptography;
using System.Text;
namespace Meridian.Core.Ids;

/// <summary>Monitor ids, and the audit id of a monitor's slot.</summary>
public static class MonitorIds
{
    /// <summary>A new monitor id: "mon-" and 26 characters of a UUIDv7 (sortable by creation).</summary>
    public static string New(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        return "mon-" + Guid.CreateVersion7(time.GetUtcNow()).ToString("N");
    }

    /// <summary>"mon-" and 32 lower-case hex digits: safe as one blob name segment and in a URL.</summary>
    public static bool IsWellFormed(string? id) =>
        id is { Length: 36 }
        && id.StartsWith("mon-", StringComparison.Ordinal)
        && id.Skip(4).All(c => c is (>= '0' and <= '9') or (>= 'a' and <= 'f'));

    /// <summary>
    /// The audit id of <paramref name="monitorId"/>'s slot at <paramref name="slot"/>: a UUIDv7 whose time
    /// is the slot and whose other bits come from a hash of monitor and slot. Two ticks, or two hosts,
    /// that start the same slot name the same audit, so the second start is refused instead of
    /// running the audit twice; and the audit is stored on the slot's day like any other.
    /// </summary>
    public static string AuditIdForSlot(string monitorId, DateTimeOffset slot)
    {
        ArgumentException.ThrowIfNullOrEmpty(monitorId);
        Span<byte> bytes = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes($"{monitorId}/{slot.ToUnixTimeMilliseconds()}"), bytes);

        // RFC 9562 layout: 48 bits of Unix milliseconds, version 7, variant 10, the rest from the hash.
        var milliseconds = slot.ToUnixTimeMilliseconds();
        for (var i = 0; i < 6; i++)
        {
            bytes[i] = (byte)(milliseconds >> (8 * (5 - i)));
        }

        bytes[6] = (byte)(0x70 | (bytes[6] & 0x0F));
        bytes[8] = (byte)(0x80 | (bytes[8] & 0x3F));
        return Convert.ToHexStringLower(bytes[..16]);
    }
}

using System.Buffers.Binary;
using System.Globalization;

namespace Meridian.Core.Ids;

/// <summary>
/// Audit ids are UUIDv7 in 32 lower-case hex digits: unique without coordination, and sortable by the
/// time they were made, so blob names that start with them list in time order and the day an audit
/// was made can be read off its id (no index needed to find its document).
/// </summary>
public static class AuditIds
{
    public const int Length = 32;

    public static string New(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        return Guid.CreateVersion7(time.GetUtcNow()).ToString("N");
    }

    /// <summary>True for 32 lower-case hex digits that carry a UUIDv7's version and variant bits.</summary>
    public static bool IsWellFormed(string? id) =>
        id is { Length: Length }
        && id.All(c => c is (>= '0' and <= '9') or (>= 'a' and <= 'f'))
        && id[12] == '7'
        && id[16] is '8' or '9' or 'a' or 'b';

    /// <summary>When the id was made (millisecond precision), or false when it is not a well-formed audit id.</summary>
    public static bool TryGetCreatedAt(string? id, out DateTimeOffset createdAt)
    {
        createdAt = default;
        if (!IsWellFormed(id))
        {
            return false;
        }

        // The first 48 bits of a UUIDv7 are Unix time in milliseconds.
        var milliseconds = long.Parse(id.AsSpan(0, 12), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        createdAt = DateTimeOffset.FromUnixTimeMilliseconds(milliseconds);
        return true;
    }
}

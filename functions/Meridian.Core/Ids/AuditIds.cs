using System.Diagnostics.CodeAnalysis;
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

    // The last millisecond DateTimeOffset can hold (9999-12-31): 48 bits of Unix time reach year
    // 10889, and an id past this one would throw wherever its creation day is read.
    private static readonly long LatestMilliseconds = DateTimeOffset.MaxValue.ToUnixTimeMilliseconds();

    /// <summary>
    /// True for 32 lower-case hex digits that carry a UUIDv7's version and variant bits and a time
    /// no later than 9999-12-31: the shape and the range, so every well-formed id has a creation day.
    /// </summary>
    public static bool IsWellFormed([NotNullWhen(true)] string? id) =>
        id is { Length: Length }
        && id.All(c => c is (>= '0' and <= '9') or (>= 'a' and <= 'f'))
        && id[12] == '7'
        && id[16] is '8' or '9' or 'a' or 'b'
        && Milliseconds(id) <= LatestMilliseconds;

    /// <summary>When the id was made (millisecond precision), or false when it is not a well-formed audit id.</summary>
    public static bool TryGetCreatedAt(string? id, out DateTimeOffset createdAt)
    {
        createdAt = default;
        if (!IsWellFormed(id))
        {
            return false;
        }

        createdAt = DateTimeOffset.FromUnixTimeMilliseconds(Milliseconds(id));
        return true;
    }

    // The first 48 bits of a UUIDv7 are Unix time in milliseconds.
    private static long Milliseconds(string id) =>
        long.Parse(id.AsSpan(0, 12), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
}

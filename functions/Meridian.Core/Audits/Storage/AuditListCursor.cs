using System.Buffers.Text;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Meridian.Core.Audits.Storage;

/// <summary>
/// Where the next page of an audit list starts: a day folder, Blob Storage's continuation token
/// within it, and the last blob already returned (a page can end in the middle of a storage page).
/// Clients get it as an opaque token: base64url JSON, carrying nothing but blob names.
/// </summary>
internal sealed record AuditListCursor(
    [property: JsonPropertyName("d")] string Day,
    [property: JsonPropertyName("c")] string? Continuation,
    [property: JsonPropertyName("a")] string? After)
{
    private const string DayFormat = "yyyy-MM-dd";

    public static AuditListCursor At(DateOnly day, string? continuation, string? after) =>
        new(day.ToString(DayFormat, CultureInfo.InvariantCulture), continuation, after);

    [JsonIgnore]
    public DateOnly DayValue => DateOnly.ParseExact(Day, DayFormat, CultureInfo.InvariantCulture);

    public string Encode() => Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(this));

    /// <summary>Reads a token made by <see cref="Encode"/>; false for anything else.</summary>
    public static bool TryDecode(string token, [NotNullWhen(true)] out AuditListCursor? cursor)
    {
        cursor = null;
        try
        {
            var decoded = JsonSerializer.Deserialize<AuditListCursor>(Base64Url.DecodeFromChars(token));
            if (decoded?.Day is null || !DateOnly.TryParseExact(decoded.Day, DayFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
            {
                return false;
            }

            cursor = decoded;
            return true;
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            return false;
        }
    }
}

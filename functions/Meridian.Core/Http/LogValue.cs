using System.Globalization;
using System.Text;

namespace Meridian.Core.Http;

/// <summary>
/// Text from a request (an id in the URL, a header) made safe to write into a log line: control,
/// format and bidi characters become <c>\uXXXX</c>, so a <c>%0A</c> cannot forge a second line nor
/// <c>%1b[</c> drive a terminal, and it is cut to <see cref="MaxLength"/> characters, so a 5,000-character
/// id does not fill the log. For values not yet validated; validated ids are logged as they are.
/// </summary>
public static class LogValue
{
    public const int MaxLength = 100;

    /// <summary>The text escaped and cut to <see cref="MaxLength"/>, saying how long it was.</summary>
    public static string Of(string? text)
    {
        if (text is null)
        {
            return "(none)";
        }

        var escaped = Escape(text.Length > MaxLength ? text[..MaxLength] : text);
        return text.Length > MaxLength ? escaped + string.Create(CultureInfo.InvariantCulture, $"… ({text.Length:N0} characters)") : escaped;
    }

    /// <summary>The whole text with control, format and bidi characters as <c>\uXXXX</c>: for a terminal, where nothing is cut.</summary>
    public static string Escape(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!text.Any(IsUnsafe))
        {
            return text;
        }

        var builder = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            if (IsUnsafe(c))
            {
                builder.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    // Control (C0, DEL, C1), format (bidi overrides and isolates, zero-width joiners, BOM), line and
    // paragraph separators, and lone surrogates: none belongs in an id, all can disguise a log line.
    private static bool IsUnsafe(char c) => char.GetUnicodeCategory(c) is
        UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.LineSeparator
        or UnicodeCategory.ParagraphSeparator or UnicodeCategory.Surrogate;
}

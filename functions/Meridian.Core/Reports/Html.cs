using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace Meridian.Core.Reports;

/// <summary>
/// Encoding of every piece of data the report prints: an audited page can put markup in its URL or
/// in an error message that becomes a region's reason. Letters outside ASCII stay as they are (the
/// page is UTF-8); markup characters and quotes are always encoded, so the result is safe both in
/// text and in quoted attribute values. Bidi controls (U+202E would reverse the rest of a line) are
/// dropped, since an entity renders them just the same, and control characters (NUL, escape) are
/// dropped or, for line breaks and tabs, become a space.
/// </summary>
internal static class Html
{
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    public static string Encode(string? text) => text is null ? string.Empty : Encoder.Encode(Neutralise(text));

    /// <summary>The text without bidi controls and control characters; the same string when it has none.</summary>
    public static string Neutralise(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!text.Any(IsUnsafe))
        {
            return text;
        }

        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (!IsUnsafe(c))
            {
                builder.Append(c);
            }
            else if (char.IsWhiteSpace(c))
            {
                builder.Append(' ');
            }
        }

        return builder.ToString();
    }

    private static bool IsUnsafe(char c) =>
        char.GetUnicodeCategory(c) == UnicodeCategory.Control || IsBidiControl(c);

    // U+061C, U+200E-U+200F, U+202A-U+202E, U+2066-U+2069: the marks, embeddings, overrides and isolates.
    private static bool IsBidiControl(char c) =>
        c is '\u061C' or '\u200E' or '\u200F' or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069');
}

using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace Meridian.Core.Reports;

/// <summary>
/// Encoding of every piece of data the report prints: an audited page can put markup in its URL or
/// in an error message that becomes a region's reason. Letters outside ASCII stay as they are (the
/// page is UTF-8); markup characters and quotes are always encoded, so the result is safe both in
/// text and in quoted attribute values.
/// </summary>
internal static class Html
{
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    public static string Encode(string? text) => text is null ? string.Empty : Encoder.Encode(text);
}

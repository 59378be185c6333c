using System.Text;
using System.Text.Json;
using Meridian.Core.Serialization;

namespace Meridian.Core.Audits.Orchestration;

/// <summary>Shortens text to a budget measured as it is written in JSON (escapes included). Pure: safe in orchestration code.</summary>
internal static class JsonText
{
    private const string Ellipsis = "…";

    public static string? Shorten(string? text, int maxJsonLength)
    {
        if (text is null || JsonLength(text) <= maxJsonLength)
        {
            return text;
        }

        var budget = maxJsonLength - JsonLength(Ellipsis);
        var kept = 0;
        var used = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            var cost = JsonLength(rune.ToString());
            if (used + cost > budget)
            {
                break;
            }

            used += cost;
            kept += rune.Utf16SequenceLength;
        }

        return string.Concat(text.AsSpan(0, kept), Ellipsis);
    }

    private static int JsonLength(string text) => JsonEncodedText.Encode(text, MeridianJson.Options.Encoder).Value.Length;
}

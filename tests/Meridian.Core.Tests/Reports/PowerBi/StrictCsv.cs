using System.Text;

namespace Meridian.Core.Tests.Reports.PowerBi;

/// <summary>
/// An RFC 4180 reader that accepts nothing else, written independently of CsvHelper: records end
/// with CRLF (the last one too), a field is either bare (no comma, quote, CR or LF) or quoted with
/// quotes doubled inside. Anything outside that throws, so a test reading with it proves the file
/// is what docs/power-bi.md promises, not merely something a lenient parser copes with.
/// </summary>
internal static class StrictCsv
{
    public static IReadOnlyList<IReadOnlyList<string>> Parse(string text)
    {
        var records = new List<IReadOnlyList<string>>();
        var fields = new List<string>();
        var position = 0;
        while (position < text.Length)
        {
            fields.Add(ReadField(text, ref position));
            if (At(text, position, ","))
            {
                position++;
            }
            else if (At(text, position, "\r\n"))
            {
                position += 2;
                records.Add(fields);
                fields = [];
            }
            else
            {
                throw new FormatException($"Expected ',' or CRLF at {position}.");
            }
        }

        if (fields.Count > 0)
        {
            throw new FormatException("The last record does not end with CRLF.");
        }

        return records;
    }

    private static string ReadField(string text, ref int position)
    {
        if (!At(text, position, "\""))
        {
            var start = position;
            while (position < text.Length && text[position] is not (',' or '\r' or '\n' or '"'))
            {
                position++;
            }

            return text[start..position];
        }

        var value = new StringBuilder();
        position++;
        while (true)
        {
            if (position >= text.Length)
            {
                throw new FormatException("Unterminated quoted field.");
            }

            if (text[position] == '"')
            {
                if (At(text, position + 1, "\""))
                {
                    value.Append('"');
                    position += 2;
                    continue;
                }

                position++;
                return value.ToString();
            }

            value.Append(text[position++]);
        }
    }

    private static bool At(string text, int position, string expected) =>
        string.CompareOrdinal(text, position, expected, 0, expected.Length) == 0 && position + expected.Length <= text.Length;
}

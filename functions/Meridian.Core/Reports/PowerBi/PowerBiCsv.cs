using CsvHelper;

namespace Meridian.Core.Reports.PowerBi;

/// <summary>
/// Writes and reads the <c>region-results</c> CSV files: RFC 4180 (comma, CRLF, fields with commas,
/// quotes or line breaks quoted), UTF-8 without a byte order mark, a header row, an empty cell for
/// null. Power BI reads it with <c>Csv.Document(…, [Encoding = 65001, QuoteStyle = QuoteStyle.Csv])</c>
/// (docs/power-bi/meridian-region-results.pq); the quote style matters: a reason can span lines.
/// </summary>
public static class PowerBiCsv
{
    /// <summary>The format of every time column: UTC, milliseconds, e.g. <c>2026-11-23T12:00:00.000Z</c>.</summary>
    public const string TimestampFormat = "yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fff'Z'";

    public const string ContentType = "text/csv; charset=utf-8";

    private static readonly CsvReaderOptions ReaderOptions = CsvReaderOptions.Default with { Separator = ',' };

    /// <summary>The header and one record per row, as UTF-8 bytes.</summary>
    public static byte[] Write(IEnumerable<PowerBiRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        using var output = new MemoryStream();
        using (var writer = CsvWriter.Create(output, CsvWriterOptions.Default, leaveOpen: true))
        {
            writer.WriteHeader<PowerBiRow>();
            foreach (var row in rows)
            {
                writer.WriteRecord(row);
            }
        }

        return output.ToArray();
    }

    /// <summary>Reads a file written by <see cref="Write"/>, matching columns by header name.</summary>
    /// <exception cref="CsvFormatException">The file is not in this schema.</exception>
    public static IReadOnlyList<PowerBiRow> Read(ReadOnlyMemory<byte> csv)
    {
        using var reader = CsvReader.Create(csv, ReaderOptions);
        return reader.GetRecords<PowerBiRow>().ToList();
    }
}

using System.Globalization;
using System.Text;
using Meridian.Core.Regions;
using Meridian.Core.Reports.PowerBi;
using Meridian.Testing.Audits;

namespace Meridian.Core.Tests.Reports.PowerBi;

/// <summary>The region-results files Power BI reads: written, then read back by CsvHelper and by a strict reader of the documented format.</summary>
public partial class RegionResultCsvTests
{
    private static readonly string AuditId = SampleAudits.IdAt(SampleAudits.Day);
    private static readonly IReadOnlyList<PowerBiRow> Rows = PowerBiRows.From(SampleAudits.Report(AuditId), monitorId: "mon-42");
    private static readonly byte[] Csv = PowerBiCsv.Write(Rows);

    [Fact]
    public void Every_row_of_a_realistic_report_reads_back_unchanged_with_CsvHelper()
    {
        var read = PowerBiCsv.Read(Csv);

        Assert.Equal(Rows, read);
        Assert.Contains(read, row => row.Status == "timed_out" && row.Delivery is null && row.PerformanceScore is null);
    }

    [Fact]
    public void Every_cell_parses_with_the_strict_format_of_its_documented_type()
    {
        var records = StrictCsv.Parse(Encoding.UTF8.GetString(Csv));
        var types = DocumentedSchema.FromDocs();

        Assert.Equal(Rows.Count + 1, records.Count);
        var read = records.Skip(1).Select(record =>
        {
            Assert.Equal(types.Count, record.Count);
            return types.Zip(record).ToDictionary(pair => pair.First.Column, pair => ParseStrictly(pair.First.Type, pair.Second));
        }).ToList();

        for (var i = 0; i < Rows.Count; i++)
        {
            Assert.Equal(Rows[i].Url, read[i]["url"]);
            Assert.Equal(Rows[i].Reason, read[i]["reason"]);
            Assert.Equal(Rows[i].AuditStartedAt, read[i]["audit_started_at"]);
            Assert.Equal(Rows[i].Cls, read[i]["cls"]);
            Assert.Equal(Rows[i].LcpMs, read[i]["lcp_ms"]);
            Assert.Equal((long?)Rows[i].RunsCompleted, read[i]["runs_completed"]);
            Assert.Equal(Rows[i].RegionLatitude, read[i]["region_latitude"]);
        }
    }

    [Fact]
    public void Awkward_text_survives_quoting_commas_quotes_line_breaks_and_unicode()
    {
        var read = PowerBiCsv.Read(Csv);

        Assert.All(read, row => Assert.Equal(SampleAudits.AwkwardUrl, row.Url));
        Assert.Equal(SampleAudits.MultiLineReason, read.Single(row => row.Region == "gru").Reason);
        Assert.Equal("São Paulo", read.Single(row => row.Region == "gru").RegionCity);
    }

    [Fact]
    public void File_is_utf8_without_byte_order_mark_with_crlf_records()
    {
        Assert.NotEqual(Encoding.UTF8.Preamble.ToArray(), Csv.Take(3).ToArray());
        var text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(Csv);
        Assert.StartsWith("audit_id,monitor_id,url,", text, StringComparison.Ordinal);
        Assert.EndsWith("\r\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Small_numbers_are_written_without_an_exponent()
    {
        var text = Encoding.UTF8.GetString(Csv);

        Assert.Contains(",0.0000123,", text, StringComparison.Ordinal);
        Assert.DoesNotContain("E-", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Times_with_an_offset_are_written_as_utc_with_milliseconds()
    {
        var row = Rows[0] with { AuditStartedAt = new DateTimeOffset(2026, 11, 23, 14, 0, 5, 7, TimeSpan.FromHours(2)) };

        var text = Encoding.UTF8.GetString(PowerBiCsv.Write([row]));

        Assert.Contains(",2026-11-23T12:00:05.007Z,", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Null_is_an_empty_cell_and_reads_back_as_null()
    {
        var row = Rows.Single(r => r.Region == "jnb");

        var record = StrictCsv.Parse(Encoding.UTF8.GetString(PowerBiCsv.Write([row])))[1];
        var read = PowerBiCsv.Read(PowerBiCsv.Write([row])).Single();

        Assert.Equal(string.Empty, record[DocumentedSchema.FromDocs().ToList().FindIndex(c => c.Column == "machine_id")]);
        Assert.Null(read.MachineId);
        Assert.Null(read.RunsCompleted);
        Assert.Null(read.Delivery);
    }

    [Fact]
    public void A_file_of_no_rows_is_the_header_alone()
    {
        var text = Encoding.UTF8.GetString(PowerBiCsv.Write([]));

        Assert.Equal(string.Join(',', DocumentedSchema.FromDocs().Select(c => c.Column)) + "\r\n", text);
    }

    [Theory]
    [InlineData(0.0000123, "0.0000123")]
    [InlineData(-4.5e-7, "-0.00000045")]
    [InlineData(1e20, "100000000000000000000")]
    [InlineData(1.5e16, "15000000000000000")]
    [InlineData(0.1 + 0.2, "0.30000000000000004")]
    [InlineData(-46.47, "-46.47")]
    [InlineData(0d, "0")]
    public void Numbers_are_the_shortest_plain_decimal_that_reads_back_to_the_same_value(double value, string expected)
    {
        var text = InvariantNumberCsvConverter.Format(value);

        Assert.Equal(expected, text);
        Assert.Equal(value, double.Parse(text!, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture));
    }

    /// <summary>The documented formats, and nothing more lenient: a number with an exponent or a time without 'Z' throws.</summary>
    private static object? ParseStrictly(string type, string cell)
    {
        if (cell.Length == 0)
        {
            return null;
        }

        return type switch
        {
            "text" => cell,
            "number" when StrictNumber().IsMatch(cell) => double.Parse(cell, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture),
            "Int64" when StrictInteger().IsMatch(cell) => long.Parse(cell, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture),
            "datetimezone" => DateTimeOffset.ParseExact(cell, "yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal),
            _ => throw new FormatException($"'{cell}' is not a {type} in the documented format."),
        };
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^-?[0-9]+(\.[0-9]+)?$")]
    private static partial System.Text.RegularExpressions.Regex StrictNumber();

    [System.Text.RegularExpressions.GeneratedRegex(@"^-?[0-9]+$")]
    private static partial System.Text.RegularExpressions.Regex StrictInteger();
}

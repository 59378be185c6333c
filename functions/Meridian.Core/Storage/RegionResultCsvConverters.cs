using System.Globalization;
using CsvHelper;

namespace Meridian.Core.Storage;

/// <summary>
/// Numbers as Power BI's "en-US" and any invariant parser read them: '.' for decimals, no thousands
/// separator and no exponent (CsvHelper's default, the shortest round-trip text, writes 1.2E-05 for a
/// small CLS). Up to 15 significant digits, more than any metric here carries.
/// </summary>
internal sealed class InvariantNumberCsvConverter : ICsvConverter<double>
{
    public double Read(CsvReader reader, int index) =>
        double.Parse(reader.GetString(index), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);

    public void Write(CsvWriter writer, double value) =>
        writer.WriteField(value.ToString(RegionResultCsv.NumberFormat, CultureInfo.InvariantCulture));
}

/// <summary>Instants as UTC ISO 8601 with milliseconds (<see cref="RegionResultCsv.TimestampFormat"/>), whatever their offset.</summary>
internal sealed class UtcTimestampCsvConverter : ICsvConverter<DateTimeOffset>
{
    public DateTimeOffset Read(CsvReader reader, int index) =>
        DateTimeOffset.ParseExact(
            reader.GetString(index),
            RegionResultCsv.TimestampFormat,
            CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    public void Write(CsvWriter writer, DateTimeOffset value) =>
        writer.WriteField(value.UtcDateTime.ToString(RegionResultCsv.TimestampFormat, CultureInfo.InvariantCulture));
}

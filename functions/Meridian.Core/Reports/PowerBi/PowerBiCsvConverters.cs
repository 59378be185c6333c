using System.Globalization;
using CsvHelper;

namespace Meridian.Core.Reports.PowerBi;

/// <summary>
/// Numbers as Power BI's "en-US" culture and any invariant parser read them: '.' for decimals, no
/// thousands separator and never an exponent (CsvHelper's default, like <c>double.ToString()</c>,
/// writes 1.23E-05 for a small CLS). The digits are the shortest that read back to the same double,
/// so a value in a file equals the value in the audit's JSON document.
/// </summary>
internal sealed class InvariantNumberCsvConverter : ICsvConverter<double>
{
    public double Read(CsvReader reader, int index) =>
        double.Parse(reader.GetString(index), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);

    public void Write(CsvWriter writer, double value) => writer.WriteField(Format(value));

    /// <summary>The shortest round-trip digits in plain decimal notation; null (an empty cell) for NaN and infinities, which no metric is.</summary>
    internal static string? Format(double value)
    {
        if (!double.IsFinite(value))
        {
            return null;
        }

        var shortest = value.ToString("R", CultureInfo.InvariantCulture);
        var e = shortest.IndexOf('E', StringComparison.Ordinal);
        if (e < 0)
        {
            return shortest;
        }

        // "-1.23E-05": move the decimal point of the mantissa by the exponent.
        var exponent = int.Parse(shortest.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        var negative = shortest[0] == '-';
        var mantissa = shortest[(negative ? 1 : 0)..e];
        var point = mantissa.IndexOf('.', StringComparison.Ordinal);
        var digits = point < 0 ? mantissa : mantissa.Remove(point, 1);
        var newPoint = (point < 0 ? mantissa.Length : point) + exponent;

        var plain = newPoint <= 0 ? "0." + new string('0', -newPoint) + digits
            : newPoint >= digits.Length ? digits + new string('0', newPoint - digits.Length)
            : digits[..newPoint] + "." + digits[newPoint..];
        return negative ? "-" + plain : plain;
    }
}

/// <summary>Instants as UTC ISO 8601 with milliseconds (<see cref="PowerBiCsv.TimestampFormat"/>), whatever their offset.</summary>
internal sealed class UtcTimestampCsvConverter : ICsvConverter<DateTimeOffset>
{
    public DateTimeOffset Read(CsvReader reader, int index) =>
        DateTimeOffset.ParseExact(
            reader.GetString(index),
            PowerBiCsv.TimestampFormat,
            CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    public void Write(CsvWriter writer, DateTimeOffset value) =>
        writer.WriteField(value.UtcDateTime.ToString(PowerBiCsv.TimestampFormat, CultureInfo.InvariantCulture));
}

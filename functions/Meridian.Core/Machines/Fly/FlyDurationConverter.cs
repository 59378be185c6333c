using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Meridian.Core.Machines.Fly;

/// <summary>
/// A Fly duration as a Go duration string ("30s"). Fly documents durations as nanoseconds and sends
/// both forms (fly-go's Duration reads a number as nanoseconds and a string with Go's ParseDuration),
/// so a number is read as nanoseconds and turned into the string form; writing is always the string.
/// </summary>
public sealed class FlyDurationConverter : JsonConverter<string?>
{
    private const long NanosecondsPerSecond = 1_000_000_000;

    public override bool HandleNull => true;

    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.Null => null,
        JsonTokenType.String => reader.GetString(),
        JsonTokenType.Number when reader.TryGetInt64(out var nanoseconds) => Format(nanoseconds),
        JsonTokenType.Number => Format((long)reader.GetDouble()),
        _ => throw new JsonException($"A duration is a string such as \"30s\" or a number of nanoseconds, not {reader.TokenType}."),
    };

    public override void Write(Utf8JsonWriter writer, string? value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (value is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            writer.WriteStringValue(value);
        }
    }

    /// <summary>Whole seconds as "30s", anything finer as nanoseconds ("1500000000ns"), both Go's syntax.</summary>
    public static string Format(long nanoseconds) => nanoseconds % NanosecondsPerSecond == 0
        ? (nanoseconds / NanosecondsPerSecond).ToString(CultureInfo.InvariantCulture) + "s"
        : nanoseconds.ToString(CultureInfo.InvariantCulture) + "ns";
}

using System.Text.Json;
using Meridian.Core.Durable;

namespace Meridian.Local.Durable;

/// <summary>
/// Every payload that crosses the local engine (orchestration input and output, activity input and
/// output, event payloads, custom status) is turned into JSON and back, as Durable's data converter
/// does, so a payload that would not survive Azure fails locally as well.
/// </summary>
internal static class DurablePayload
{
    /// <summary>
    /// Serializes by the value's runtime type, as Durable does with the <c>object?</c> it is handed;
    /// null stays null (Durable stores no payload for it).
    /// </summary>
    public static string? Serialize(object? value) =>
        value is null ? null : JsonSerializer.Serialize(value, value.GetType(), DurableJson.Options);

    /// <summary>Reads a payload as the type the receiving side asks for; a missing payload is the type's default.</summary>
    public static T? Deserialize<T>(string? json) =>
        json is null ? default : JsonSerializer.Deserialize<T>(json, DurableJson.Options);
}

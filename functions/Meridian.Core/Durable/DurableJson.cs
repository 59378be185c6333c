using System.Text.Json;

namespace Meridian.Core.Durable;

/// <summary>
/// How payloads (inputs, outputs, events, custom status) are serialized: the same web defaults the
/// Functions worker uses (camelCase, case-insensitive reads), so a payload that round-trips here
/// round-trips in Azure.
/// </summary>
public static class DurableJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web);
}

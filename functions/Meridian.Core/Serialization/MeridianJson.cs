using System.Text.Json;

namespace Meridian.Core.Serialization;

/// <summary>
/// The JSON shape of what the app writes: stored documents and every Durable payload (inputs,
/// outputs, events, custom status) on every host, since the Functions app hands these options to the
/// worker's serializer too. Web defaults: camelCase, case-insensitive reads. What the worker sends has
/// its own options (<c>ContractJson</c>), the same defaults today, so the wire format changes only on purpose.
/// </summary>
public static class MeridianJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web);
}

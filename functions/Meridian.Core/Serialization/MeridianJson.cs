using System.Text.Json;

namespace Meridian.Core.Serialization;

/// <summary>
/// The one JSON shape of everything Meridian writes: stored documents, worker callbacks, and every
/// Durable payload (inputs, outputs, events, custom status) on every host, since the Functions app
/// hands these options to the worker's serializer too. Web defaults: camelCase, case-insensitive reads.
/// </summary>
public static class MeridianJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web);
}

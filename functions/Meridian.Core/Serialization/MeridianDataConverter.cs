using Microsoft.DurableTask;
using Microsoft.DurableTask.Converters;

namespace Meridian.Core.Serialization;

/// <summary>
/// Durable Task's data converter over <see cref="MeridianJson.Options"/>: what the local host's engine,
/// its client and the test hosts serialize payloads with, as the Functions app does through its worker
/// serializer. One converter everywhere, so a payload that round-trips in a test round-trips in Azure.
/// </summary>
public static class MeridianDataConverter
{
    public static DataConverter Instance { get; } = new JsonDataConverter(MeridianJson.Options);
}

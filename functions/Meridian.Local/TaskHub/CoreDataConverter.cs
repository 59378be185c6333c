using Meridian.Core.Serialization;
using CoreConverter = DurableTask.Core.Serializing.DataConverter;

namespace Meridian.Local.TaskHub;

/// <summary>
/// DurableTask.Core's converter (Newtonsoft by default) replaced by Meridian's, so what the client
/// writes (inputs, event payloads) reads back in the task classes exactly as in the Functions app.
/// </summary>
internal sealed class CoreDataConverter : CoreConverter
{
    public static CoreDataConverter Instance { get; } = new();

    public override string Serialize(object value) => MeridianDataConverter.Instance.Serialize(value)!;

    public override string Serialize(object value, bool formatted) => Serialize(value);

    public override object Deserialize(string data, Type objectType) => MeridianDataConverter.Instance.Deserialize(data, objectType)!;
}

using System.Text.Json;
using System.Text.Json.Serialization;

namespace Meridian.Core.Durable;

/// <summary>Durable Task's <c>OrchestrationRuntimeStatus</c>.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<OrchestrationStatus>))]
public enum OrchestrationStatus
{
    Pending,
    Running,
    Completed,
    Failed,
    Terminated,
    Suspended,
}

/// <summary>What a status query sees of an instance (Durable Task's <c>OrchestrationMetadata</c>).</summary>
public sealed record OrchestrationInstance(
    string InstanceId,
    OrchestrationStatus RuntimeStatus,
    DateTimeOffset CreatedAt,
    DateTimeOffset LastUpdatedAt,
    string? SerializedCustomStatus,
    string? SerializedOutput,
    string? FailureMessage)
{
    public T? ReadCustomStatusAs<T>() => Read<T>(SerializedCustomStatus);

    public T? ReadOutputAs<T>() => Read<T>(SerializedOutput);

    private static T? Read<T>(string? json) =>
        json is null ? default : JsonSerializer.Deserialize<T>(json, DurableJson.Options);
}

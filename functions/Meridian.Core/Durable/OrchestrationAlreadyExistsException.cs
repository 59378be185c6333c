namespace Meridian.Core.Durable;

/// <summary>An orchestration with the requested instance id already exists and has not finished.</summary>
public sealed class OrchestrationAlreadyExistsException(string instanceId, Exception? innerException = null)
    : Exception($"An orchestration with instance id '{instanceId}' already exists.", innerException)
{
    public string InstanceId { get; } = instanceId;
}

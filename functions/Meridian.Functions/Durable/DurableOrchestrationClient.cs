using Grpc.Core;
using Meridian.Core.Durable;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using DurableTaskAlreadyExistsException = DurableTask.Core.Exceptions.OrchestrationAlreadyExistsException;

namespace Meridian.Functions.Durable;

/// <summary>
/// Core's orchestration client port over the <see cref="DurableTaskClient"/> that a
/// <c>[DurableClient]</c> binding provides. Create one per invocation around the bound client.
/// </summary>
public sealed class DurableOrchestrationClient(DurableTaskClient client) : IOrchestrationClient
{
    public async Task<string> ScheduleNewOrchestrationInstanceAsync(
        string orchestratorName, object? input, string instanceId, CancellationToken cancellationToken)
    {
        try
        {
            return await client.ScheduleNewOrchestrationInstanceAsync(
                orchestratorName, input, new StartOrchestrationOptions(InstanceId: instanceId), cancellationToken);
        }
        // The Durable extension refuses an id whose instance has not finished (host.json
        // overridableExistingInstanceStates: NonRunningStates) with gRPC status AlreadyExists. Current
        // durabletask-dotnet clients rethrow that as DurableTask.Core's OrchestrationAlreadyExistsException;
        // earlier ones let the RpcException through.
        catch (DurableTaskAlreadyExistsException duplicate)
        {
            throw new OrchestrationAlreadyExistsException(instanceId, duplicate);
        }
        catch (RpcException duplicate) when (duplicate.StatusCode == StatusCode.AlreadyExists)
        {
            throw new OrchestrationAlreadyExistsException(instanceId, duplicate);
        }
    }

    public Task RaiseEventAsync(
        string instanceId, string eventName, object? eventPayload, CancellationToken cancellationToken) =>
        client.RaiseEventAsync(instanceId, eventName, eventPayload, cancellationToken);

    public async Task<OrchestrationInstance?> GetInstanceAsync(string instanceId, CancellationToken cancellationToken)
    {
        var metadata = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: true, cancellationToken);
        return metadata is null
            ? null
            : new OrchestrationInstance(
                metadata.InstanceId,
                ToStatus(metadata.RuntimeStatus),
                metadata.CreatedAt,
                metadata.LastUpdatedAt,
                metadata.SerializedCustomStatus,
                metadata.SerializedOutput,
                metadata.FailureDetails?.ErrorMessage);
    }

    private static OrchestrationStatus ToStatus(OrchestrationRuntimeStatus status) => status switch
    {
        OrchestrationRuntimeStatus.Pending => OrchestrationStatus.Pending,
        OrchestrationRuntimeStatus.Running => OrchestrationStatus.Running,
        OrchestrationRuntimeStatus.Completed => OrchestrationStatus.Completed,
        OrchestrationRuntimeStatus.Failed => OrchestrationStatus.Failed,
        OrchestrationRuntimeStatus.Terminated => OrchestrationStatus.Terminated,
        OrchestrationRuntimeStatus.Suspended => OrchestrationStatus.Suspended,

        // Left: the obsolete ContinuedAsNew (an instance restarting itself, so still running) and the unused Canceled.
        _ => OrchestrationStatus.Running,
    };
}

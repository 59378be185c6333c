using DurableTask.Core;
using Meridian.Core.Serialization;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using CoreFailureDetails = DurableTask.Core.FailureDetails;
using CoreStatus = DurableTask.Core.OrchestrationStatus;

namespace Meridian.Local.TaskHub;

/// <summary>
/// durabletask-dotnet's client over DurableTask.Core's <see cref="TaskHubClient"/> on the local task hub:
/// what the local host's HTTP handlers, monitor scheduler and CLI get where the Functions app gets its
/// <c>[DurableClient]</c>. Payloads go through Meridian's data converter both ways. Starting an id whose
/// instance is pending, running or suspended is refused with <c>OrchestrationAlreadyExistsException</c>,
/// as Durable Functions refuses it (host.json <c>overridableExistingInstanceStates: NonRunningStates</c>).
/// Only what Meridian uses is supported; the rest throws <see cref="NotSupportedException"/>.
/// </summary>
public sealed class TaskHubDurableTaskClient : DurableTaskClient
{
    private static readonly CoreStatus[] NotFinished = [CoreStatus.Pending, CoreStatus.Running, CoreStatus.Suspended];
    private static readonly TimeSpan CompletionPollInterval = TimeSpan.FromMilliseconds(250);

    private readonly TaskHubClient client;

    public TaskHubDurableTaskClient(string name, IOrchestrationServiceClient taskHub, ILoggerFactory loggerFactory)
        : base(name)
    {
        client = new TaskHubClient(taskHub, CoreDataConverter.Instance, loggerFactory);
    }

    public override async Task<string> ScheduleNewOrchestrationInstanceAsync(
        TaskName orchestratorName, object? input = null, StartOrchestrationOptions? options = null, CancellationToken cancellation = default)
    {
        cancellation.ThrowIfCancellationRequested();
        var instanceId = options?.InstanceId ?? Guid.NewGuid().ToString("N");
        var instance = await client.CreateOrchestrationInstanceAsync(
            orchestratorName.Name, options?.Version?.Version ?? string.Empty, instanceId, input, tags: null, NotFinished);
        return instance.InstanceId;
    }

    /// <summary>Delivered to the instance's queue; an instance that does not exist drops it, as in Azure.</summary>
    public override Task RaiseEventAsync(string instanceId, string eventName, object? eventPayload = null, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        ArgumentException.ThrowIfNullOrEmpty(eventName);
        cancellation.ThrowIfCancellationRequested();
        return client.RaiseEventAsync(new OrchestrationInstance { InstanceId = instanceId }, eventName, eventPayload!);
    }

    public override async Task<OrchestrationMetadata?> GetInstancesAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default)
    {
        cancellation.ThrowIfCancellationRequested();
        var state = await client.GetOrchestrationStateAsync(instanceId);
        return state is null ? null : ToMetadata(state, getInputsAndOutputs);
    }

    public override async Task<OrchestrationMetadata> WaitForInstanceCompletionAsync(
        string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default)
    {
        while (true)
        {
            var metadata = await GetInstancesAsync(instanceId, getInputsAndOutputs, cancellation)
                ?? throw new InvalidOperationException($"There is no orchestration instance '{instanceId}'.");
            if (metadata.IsCompleted)
            {
                return metadata;
            }

            await Task.Delay(CompletionPollInterval, cancellation);
        }
    }

    public override async Task<OrchestrationMetadata> WaitForInstanceStartAsync(
        string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default)
    {
        while (true)
        {
            var metadata = await GetInstancesAsync(instanceId, getInputsAndOutputs, cancellation)
                ?? throw new InvalidOperationException($"There is no orchestration instance '{instanceId}'.");
            if (metadata.RuntimeStatus != OrchestrationRuntimeStatus.Pending)
            {
                return metadata;
            }

            await Task.Delay(CompletionPollInterval, cancellation);
        }
    }

    public override Task TerminateInstanceAsync(string instanceId, TerminateInstanceOptions? options = null, CancellationToken cancellation = default)
    {
        cancellation.ThrowIfCancellationRequested();
        return client.TerminateInstanceAsync(new OrchestrationInstance { InstanceId = instanceId }, MeridianDataConverter.Instance.Serialize(options?.Output) ?? string.Empty);
    }

    public override Task SuspendInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default) =>
        client.SuspendInstanceAsync(new OrchestrationInstance { InstanceId = instanceId }, reason);

    public override Task ResumeInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default) =>
        client.ResumeInstanceAsync(new OrchestrationInstance { InstanceId = instanceId }, reason);

    public override AsyncPageable<OrchestrationMetadata> GetAllInstancesAsync(OrchestrationQuery? filter = null) =>
        throw new NotSupportedException("Meridian does not query instances; the audit store lists audits.");

    public override ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static OrchestrationMetadata ToMetadata(OrchestrationState state, bool withPayloads) =>
        new(state.Name, state.OrchestrationInstance.InstanceId)
        {
            DataConverter = MeridianDataConverter.Instance,
            RuntimeStatus = (OrchestrationRuntimeStatus)state.OrchestrationStatus,
            CreatedAt = new DateTimeOffset(DateTime.SpecifyKind(state.CreatedTime, DateTimeKind.Utc)),
            LastUpdatedAt = new DateTimeOffset(DateTime.SpecifyKind(state.LastUpdatedTime, DateTimeKind.Utc)),
            SerializedInput = withPayloads ? state.Input : null,
            SerializedOutput = withPayloads && state.OrchestrationStatus == CoreStatus.Completed ? state.Output : null,
            SerializedCustomStatus = withPayloads ? state.Status : null,
            FailureDetails = ToTaskFailureDetails(state.FailureDetails) ?? FailedWithoutDetails(state),
        };

    /// <summary>A failure the backend stored without details (DurableTask.Core keeps its message as the output then).</summary>
    private static TaskFailureDetails? FailedWithoutDetails(OrchestrationState state) =>
        state.OrchestrationStatus == CoreStatus.Failed ? new TaskFailureDetails("(unknown)", state.Output ?? "The orchestration failed.", null, null, null) : null;

    private static TaskFailureDetails? ToTaskFailureDetails(CoreFailureDetails? details) =>
        details is null ? null : new TaskFailureDetails(details.ErrorType, details.ErrorMessage, details.StackTrace, ToTaskFailureDetails(details.InnerFailure), null);
}

using Meridian.Core.Durable;

namespace Meridian.Local.Durable;

/// <summary>
/// What the local host knows of one orchestration instance: the fields a Durable status query
/// returns. Written by the instance's run and its context, read by status queries from any thread,
/// so every field is read and written under one lock.
/// </summary>
internal sealed class LocalInstance
{
    private readonly Lock gate = new();
    private readonly TaskCompletionSource finished = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TimeProvider clock;
    private OrchestrationStatus status = OrchestrationStatus.Running;
    private DateTimeOffset lastUpdatedAt;
    private string? serializedCustomStatus;
    private string? serializedOutput;
    private string? failureMessage;

    public LocalInstance(string instanceId, TimeProvider clock)
    {
        InstanceId = instanceId;
        this.clock = clock;
        CreatedAt = lastUpdatedAt = clock.GetUtcNow();
    }

    public string InstanceId { get; }

    public DateTimeOffset CreatedAt { get; }

    /// <summary>Completes when the instance has reached a final status; never faults.</summary>
    public Task Finished => finished.Task;

    /// <summary>
    /// Durable refuses a new instance under this id until this one has finished, and drops events
    /// for an instance that has finished.
    /// </summary>
    public bool IsFinished
    {
        get
        {
            lock (gate)
            {
                return status != OrchestrationStatus.Running;
            }
        }
    }

    public void SetCustomStatus(string? json)
    {
        lock (gate)
        {
            serializedCustomStatus = json;
            lastUpdatedAt = clock.GetUtcNow();
        }
    }

    public void Complete(string? outputJson) => Finish(OrchestrationStatus.Completed, outputJson, null);

    public void Fail(string message) => Finish(OrchestrationStatus.Failed, null, message);

    /// <summary>The host stopped under the instance; the local host keeps no history to resume it from.</summary>
    public void Terminate(string reason) => Finish(OrchestrationStatus.Terminated, null, reason);

    public OrchestrationInstance Snapshot()
    {
        lock (gate)
        {
            return new OrchestrationInstance(
                InstanceId, status, CreatedAt, lastUpdatedAt, serializedCustomStatus, serializedOutput, failureMessage);
        }
    }

    private void Finish(OrchestrationStatus final, string? outputJson, string? message)
    {
        lock (gate)
        {
            if (status != OrchestrationStatus.Running)
            {
                return;
            }

            status = final;
            serializedOutput = outputJson;
            failureMessage = message;
            lastUpdatedAt = clock.GetUtcNow();
        }

        finished.TrySetResult();
    }
}

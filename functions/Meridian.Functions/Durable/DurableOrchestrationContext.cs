using Meridian.Core.Durable;
using Microsoft.DurableTask;

namespace Meridian.Functions.Durable;

/// <summary>Core's orchestration port over Durable Task's <see cref="TaskOrchestrationContext"/>: one line per member.</summary>
internal sealed class DurableOrchestrationContext(TaskOrchestrationContext context) : IOrchestrationContext
{
    public string InstanceId => context.InstanceId;

    public DateTime CurrentUtcDateTime => context.CurrentUtcDateTime;

    public bool IsReplaying => context.IsReplaying;

    // Orchestrator code: no ConfigureAwait(false), the continuation must resume on the orchestration's thread.
    public async Task<TResult> CallActivityAsync<TResult>(string name, object? input, ActivityRetryPolicy? retry)
    {
        try
        {
            return await context.CallActivityAsync<TResult>(name, input, ToTaskOptions(retry));
        }
        catch (TaskFailedException failure)
        {
            throw new ActivityFailedException(name, failure.FailureDetails.ErrorMessage, failure);
        }
    }

    public Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken) =>
        context.CreateTimer(fireAt, cancellationToken);

    public Task<T> WaitForExternalEvent<T>(string eventName, CancellationToken cancellationToken) =>
        context.WaitForExternalEvent<T>(eventName, cancellationToken);

    public void SetCustomStatus(object? customStatus) => context.SetCustomStatus(customStatus);

    public Guid NewGuid() => context.NewGuid();

    private static TaskOptions? ToTaskOptions(ActivityRetryPolicy? retry) =>
        retry is null
            ? null
            : TaskOptions.FromRetryPolicy(new RetryPolicy(
                retry.MaxNumberOfAttempts,
                retry.FirstRetryInterval,
                retry.BackoffCoefficient,
                retry.MaxRetryInterval));
}

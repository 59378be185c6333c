namespace Meridian.Core.Durable;

/// <summary>
/// The slice of Durable Task's <c>TaskOrchestrationContext</c> that Meridian's orchestrations use,
/// with the same names and semantics, so the Functions adapter is one line per member and the
/// orchestration can run on an in-process runner and a replay-checking test context.
/// Orchestration code may only reach the outside world through this interface.
/// </summary>
public interface IOrchestrationContext
{
    string InstanceId { get; }

    /// <summary>The replay-safe clock: the time of the current orchestration episode.</summary>
    DateTime CurrentUtcDateTime { get; }

    bool IsReplaying { get; }

    /// <summary>Schedules an activity; throws <see cref="ActivityFailedException"/> when it fails after its retries.</summary>
    Task<TResult> CallActivityAsync<TResult>(string name, object? input = null, ActivityRetryPolicy? retry = null);

    /// <summary>A durable timer. Cancel it once it is no longer needed, or the instance stays running until it fires.</summary>
    Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken);

    /// <summary>Waits for an event (names are case-insensitive); events raised earlier are buffered and delivered here.</summary>
    Task<T> WaitForExternalEvent<T>(string eventName, CancellationToken cancellationToken = default);

    /// <summary>Publishes a small progress object that status queries return while the instance runs.</summary>
    void SetCustomStatus(object? customStatus);

    /// <summary>A deterministic, replay-safe GUID.</summary>
    Guid NewGuid();
}

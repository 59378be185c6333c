namespace Meridian.Core.Durable;

/// <summary>
/// The slice of Durable Task's <c>DurableTaskClient</c> that the HTTP handlers and the monitor
/// scheduler use, with the same names and semantics.
/// </summary>
public interface IOrchestrationClient
{
    /// <summary>
    /// Starts an orchestration under a chosen instance id. Throws
    /// <see cref="OrchestrationAlreadyExistsException"/> when an instance with that id exists and has not
    /// finished, so a caller that derives the id from its input starts the work at most once.
    /// </summary>
    Task<string> ScheduleNewOrchestrationInstanceAsync(
        string orchestratorName, object? input, string instanceId, CancellationToken cancellationToken = default);

    /// <summary>Raises an event; an instance that does not exist drops it silently, so check first.</summary>
    Task RaiseEventAsync(string instanceId, string eventName, object? eventPayload, CancellationToken cancellationToken = default);

    /// <summary>The instance with its custom status and output, or null when there is none.</summary>
    Task<OrchestrationInstance?> GetInstanceAsync(string instanceId, CancellationToken cancellationToken = default);
}

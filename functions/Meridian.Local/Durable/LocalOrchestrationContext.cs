using Meridian.Core.Durable;

namespace Meridian.Local.Durable;

/// <summary>
/// The durable-context port for one instance running live in the local host: the same semantics as
/// Durable's context (payloads through JSON, retries, cancellable timers, buffered case-insensitive
/// events), without replay. The host runs the orchestration's code on one exclusive scheduler, so its
/// calls here never overlap; events and status queries arrive from other threads, so the state they
/// share (the event inbox, the timers, the instance's status) is kept under locks.
/// </summary>
internal sealed class LocalOrchestrationContext(
    LocalInstance instance,
    ActivityRunner activities,
    TimeProvider clock,
    CancellationToken stopping)
    : IOrchestrationContext
{
    public string InstanceId => instance.InstanceId;

    /// <summary>
    /// The live clock. Durable's clock stands still within an episode and replays; a live run has no
    /// episodes, so it simply reads the host's <see cref="TimeProvider"/>.
    /// </summary>
    public DateTime CurrentUtcDateTime => clock.GetUtcNow().UtcDateTime;

    /// <summary>Never: the local host runs every line once and keeps no history to replay.</summary>
    public bool IsReplaying => false;

    public ExternalEventInbox Inbox { get; } = new(stopping);

    public OrchestrationTimers Timers { get; } = new(clock, stopping);

    public Task<TResult> CallActivityAsync<TResult>(string name, object? input = null, ActivityRetryPolicy? retry = null) =>
        activities.CallAsync<TResult>(InstanceId, name, input, retry, stopping);

    public Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken) => Timers.Create(fireAt, cancellationToken);

    public Task<T> WaitForExternalEvent<T>(string eventName, CancellationToken cancellationToken = default) =>
        Inbox.WaitAsync<T>(eventName, cancellationToken);

    /// <summary>Serialized now, as Durable does at the end of the episode: a status that cannot be serialized fails here.</summary>
    public void SetCustomStatus(object? customStatus) => instance.SetCustomStatus(DurablePayload.Serialize(customStatus));

    /// <summary>
    /// A random GUID. Durable derives it from the instance id, the episode's time and a counter so that
    /// replays see the same value; a live run never replays, so it needs no determinism.
    /// </summary>
    public Guid NewGuid() => Guid.NewGuid();
}

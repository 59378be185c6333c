namespace Meridian.Core.Audits.Orchestration;

/// <summary>
/// How the engine retries each activity of an audit. The Fly client already retries single HTTP calls
/// and reports what outlived its retries as a result; these cover an activity that failed as a whole
/// (storage refusing the upload URLs, a bug, an exception nobody expected). In the input, like the
/// pacing: chosen by the starter, fixed for the audit's life, so a replay never sees other values.
/// </summary>
public sealed record AuditRetries(
    RetrySchedule StartMachine,
    RetrySchedule CollectFallback,
    RetrySchedule DestroyMachine,
    RetrySchedule StoreReport,
    RetrySchedule RecordMonitorResult)
{
    public static AuditRetries Default { get; } = new(
        StartMachine: new(3, TimeSpan.FromSeconds(5), 2.0, TimeSpan.FromSeconds(30)),
        CollectFallback: new(3, TimeSpan.FromSeconds(2)),
        DestroyMachine: new(3, TimeSpan.FromSeconds(5)),
        StoreReport: new(5, TimeSpan.FromSeconds(5), 2.0, TimeSpan.FromMinutes(1)),

        // A retry finds the audit already recorded and only sends the notices still pending.
        RecordMonitorResult: new(3, TimeSpan.FromSeconds(10)));
}

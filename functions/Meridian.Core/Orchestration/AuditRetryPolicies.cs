using Meridian.Core.Durable;

namespace Meridian.Core.Orchestration;

/// <summary>
/// How the engine retries each activity of an audit. The Fly client already retries single HTTP calls;
/// these cover an activity that failed as a whole (a host restart, an exhausted client retry).
/// </summary>
public static class AuditRetryPolicies
{
    public static ActivityRetryPolicy StartMachine { get; } = new(3, TimeSpan.FromSeconds(5), 2.0, TimeSpan.FromSeconds(30));

    public static ActivityRetryPolicy CollectFallback { get; } = new(3, TimeSpan.FromSeconds(2), 2.0);

    public static ActivityRetryPolicy DestroyMachine { get; } = new(3, TimeSpan.FromSeconds(5), 2.0);

    public static ActivityRetryPolicy StoreReport { get; } = new(5, TimeSpan.FromSeconds(5), 2.0, TimeSpan.FromMinutes(1));

    /// <summary>A retry finds the audit already recorded and only sends the notices still pending.</summary>
    public static ActivityRetryPolicy RecordMonitorResult { get; } = new(3, TimeSpan.FromSeconds(10), 2.0);
}

using Microsoft.DurableTask;

namespace Meridian.Core.Orchestration;

/// <summary>
/// How the engine retries each activity of an audit. The Fly client already retries single HTTP calls
/// and reports what outlived its retries as a result; these cover an activity that failed as a whole
/// (storage refusing the upload URLs, a bug, an exception nobody expected).
/// </summary>
public static class AuditRetryPolicies
{
    public static RetryPolicy StartMachine { get; } = new(3, TimeSpan.FromSeconds(5), 2.0, TimeSpan.FromSeconds(30));

    public static RetryPolicy CollectFallback { get; } = new(3, TimeSpan.FromSeconds(2), 2.0);

    public static RetryPolicy DestroyMachine { get; } = new(3, TimeSpan.FromSeconds(5), 2.0);

    public static RetryPolicy StoreReport { get; } = new(5, TimeSpan.FromSeconds(5), 2.0, TimeSpan.FromMinutes(1));

    /// <summary>A retry finds the audit already recorded and only sends the notices still pending.</summary>
    public static RetryPolicy RecordMonitorResult { get; } = new(3, TimeSpan.FromSeconds(10), 2.0);

    public static TaskOptions Options(this RetryPolicy policy) => TaskOptions.FromRetryPolicy(policy);
}

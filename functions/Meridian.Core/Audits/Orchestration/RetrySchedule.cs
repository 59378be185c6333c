using Microsoft.DurableTask;

namespace Meridian.Core.Audits.Orchestration;

/// <summary>
/// How the engine retries one activity that failed as a whole: Durable Task's <see cref="RetryPolicy"/>
/// as plain data, so it travels in the orchestration's input. The delay before attempt n+1 is
/// <see cref="FirstDelay"/> × <see cref="BackoffCoefficient"/>^(n-1), capped at <see cref="MaxDelay"/>.
/// </summary>
public sealed record RetrySchedule(int MaxAttempts, TimeSpan FirstDelay, double BackoffCoefficient = 2.0, TimeSpan? MaxDelay = null)
{
    public TaskOptions ToTaskOptions() =>
        TaskOptions.FromRetryPolicy(new RetryPolicy(MaxAttempts, FirstDelay, BackoffCoefficient, MaxDelay));
}

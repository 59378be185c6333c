using Meridian.Core.Audits;
using Meridian.Core.Audits.Orchestration;
using Microsoft.DurableTask.Client;

namespace Meridian.Testing.Orchestration;

/// <summary>A finished audit orchestration: its final instance state and the activities it called, in the order they ran.</summary>
public sealed class ScenarioRun(OrchestrationMetadata final, IReadOnlyList<ActivityCall> calls, DateTime scheduledAt)
{
    public OrchestrationMetadata Final { get; } = final;

    public IReadOnlyList<ActivityCall> Calls { get; } = calls;

    /// <summary>When the test scheduled the instance, by the wall clock.</summary>
    public DateTime ScheduledAt { get; } = scheduledAt;

    public AuditReport? Output => Final.RuntimeStatus == OrchestrationRuntimeStatus.Completed ? Final.ReadOutputAs<AuditReport>() : null;

    /// <summary>Why the instance failed; null when it completed.</summary>
    public string? Failure => Final.FailureDetails?.ErrorMessage;

    public AuditProgress? LastProgress => Final.ReadCustomStatusAs<AuditProgress>();

    public IReadOnlyList<ActivityCall> CallsTo(string activity) => [.. Calls.Where(call => call.Name == activity)];
}

using Meridian.Core.Audits;
using Meridian.Core.Audits.Orchestration;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace Meridian.Functions;

/// <summary>The audit orchestrator: Core's <see cref="AuditOrchestration"/> task class, run by the Functions host.</summary>
public static class AuditOrchestratorFunction
{
    [Function(nameof(AuditOrchestration))]
    public static Task<AuditReport> Run([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new AuditOrchestration().RunAsync(context, context.GetInput<AuditOrchestrationInput>()!);
    }
}

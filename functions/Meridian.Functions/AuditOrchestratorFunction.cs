using Meridian.Core.Audits;
using Meridian.Core.Orchestration;
using Meridian.Functions.Durable;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace Meridian.Functions;

/// <summary>The audit orchestrator. The orchestration itself is Core's <see cref="AuditOrchestration"/>.</summary>
public static class AuditOrchestratorFunction
{
    [Function(AuditOrchestration.Name)]
    public static Task<AuditReport> Run([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        // Fails the instance with a readable reason rather than a NullReferenceException deep in Core.
        var input = context.GetInput<AuditOrchestrationInput>()
            ?? throw new InvalidOperationException(
                $"Orchestration '{context.InstanceId}' was started without an {nameof(AuditOrchestrationInput)}.");

        return AuditOrchestration.RunAsync(new DurableOrchestrationContext(context), input);
    }
}

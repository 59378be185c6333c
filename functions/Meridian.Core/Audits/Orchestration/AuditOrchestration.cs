using Microsoft.DurableTask;

namespace Meridian.Core.Audits.Orchestration;

/// <summary>
/// Audits one URL from every requested region at once: creates one machine per region (paced to
/// Fly's create limit), waits for each region's <c>region-result</c> event under one deadline timer,
/// rescues silent regions from fallback blobs, destroys what is left, stores the report, and records
/// it in its monitor's history when a monitor started it. The steps are in <see cref="AuditRun"/>;
/// this class is the task the engines know by name (<c>nameof(AuditOrchestration)</c>).
/// </summary>
public sealed class AuditOrchestration : TaskOrchestrator<AuditOrchestrationInput, AuditReport>
{
    /// <summary>The external event a region's result arrives as. The region is in the name so each region waits for its own.</summary>
    public static string RegionResultEventName(string region) => $"region-result-{region.ToLowerInvariant()}";

    public override Task<AuditReport> RunAsync(TaskOrchestrationContext context, AuditOrchestrationInput input)
    {
        ArgumentNullException.ThrowIfNull(context);

        // Fails the instance with a readable reason rather than a NullReferenceException further down.
        return input is null
            ? throw new InvalidOperationException($"Orchestration '{context.InstanceId}' was started without an {nameof(AuditOrchestrationInput)}.")
            : new AuditRun(context, input).RunAsync();
    }
}

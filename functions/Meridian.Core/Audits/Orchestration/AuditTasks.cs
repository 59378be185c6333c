using Meridian.Core.Audits.Activities;
using Microsoft.DurableTask;

namespace Meridian.Core.Audits.Orchestration;

/// <summary>
/// The audit's orchestrator and activities, listed once. Every host runs these: the local host's
/// engine and the test hosts register them through <see cref="AddAuditTasks"/>; the Functions app has
/// one trigger per entry (a test holds its built function list to this one). Each is known by its
/// class name.
/// </summary>
public static class AuditTasks
{
    public static IReadOnlyList<Type> Orchestrators { get; } = [typeof(AuditOrchestration)];

    public static IReadOnlyList<Type> Activities { get; } =
    [
        typeof(StartRegionMachineActivity),
        typeof(CollectFallbackResultActivity),
        typeof(DestroyRegionMachineActivity),
        typeof(StoreAuditReportActivity),
        typeof(RecordMonitorResultActivity),
    ];

    /// <summary>Registers every task; activities are built per call from the host's services.</summary>
    public static DurableTaskRegistry AddAuditTasks(this DurableTaskRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        foreach (var orchestrator in Orchestrators)
        {
            registry.AddOrchestrator(orchestrator);
        }

        foreach (var activity in Activities)
        {
            registry.AddActivity(activity);
        }

        return registry;
    }
}

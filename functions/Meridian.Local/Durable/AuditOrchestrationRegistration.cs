using Meridian.Core.Activities;
using Meridian.Core.Audits;
using Meridian.Core.Durable;
using Meridian.Core.Orchestration;
using Microsoft.Extensions.DependencyInjection;

namespace Meridian.Local.Durable;

/// <summary>
/// The local counterpart of the Functions app's audit functions: the audit orchestrator and its
/// activities under the names the orchestration calls them by (the activity class names), each
/// activity resolved from the container as <c>AddMeridianCore</c> registers it.
/// </summary>
public static class AuditOrchestrationRegistration
{
    public static LocalOrchestrationHost AddAuditOrchestration(this LocalOrchestrationHost host)
    {
        ArgumentNullException.ThrowIfNull(host);
        return host
            .AddOrchestrator<AuditOrchestrationInput?, AuditReport>(AuditOrchestration.Name, RunAuditAsync)
            .AddActivity<StartRegionMachineInput, MachineStartResult>(
                nameof(StartRegionMachineActivity), services => services.GetRequiredService<StartRegionMachineActivity>().RunAsync)
            .AddActivity<CollectFallbackResultInput, RegionResult?>(
                nameof(CollectFallbackResultActivity), services => services.GetRequiredService<CollectFallbackResultActivity>().RunAsync)
            .AddActivity<DestroyRegionMachineInput, MachineExit?>(
                nameof(DestroyRegionMachineActivity), services => services.GetRequiredService<DestroyRegionMachineActivity>().RunAsync)
            .AddActivity<AuditReport, bool>(
                nameof(StoreAuditReportActivity), services => services.GetRequiredService<StoreAuditReportActivity>().RunAsync)
            .AddActivity<RecordMonitorResultInput, bool>(
                nameof(RecordMonitorResultActivity), services => services.GetRequiredService<RecordMonitorResultActivity>().RunAsync);
    }

    // Fails the instance with a readable reason rather than a NullReferenceException deep in Core, as the Functions app does.
    private static Task<AuditReport> RunAuditAsync(IOrchestrationContext context, AuditOrchestrationInput? input) =>
        input is null
            ? throw new InvalidOperationException(
                $"Orchestration '{context.InstanceId}' was started without an {nameof(AuditOrchestrationInput)}.")
            : AuditOrchestration.RunAsync(context, input);
}

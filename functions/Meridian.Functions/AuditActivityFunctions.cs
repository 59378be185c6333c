using Meridian.Contract.Results;
using Meridian.Core.Audits;
using Meridian.Core.Audits.Activities;
using Meridian.Core.Audits.Orchestration;
using Meridian.Core.Machines;
using Microsoft.Azure.Functions.Worker;

namespace Meridian.Functions;

/// <summary>
/// The audit's activities (Core's <see cref="Core.Audits.Orchestration.AuditTasks"/>). Each function is named
/// after its task class, the name the orchestration calls it by, and runs it with the invocation's
/// cancellation token.
/// </summary>
public sealed class AuditActivityFunctions(
    StartRegionMachineActivity startRegionMachine,
    CollectFallbackResultActivity collectFallbackResult,
    DestroyRegionMachineActivity destroyRegionMachine,
    StoreAuditReportActivity storeAuditReport,
    RecordMonitorResultActivity recordMonitorResult)
{
    [Function(nameof(StartRegionMachineActivity))]
    public Task<MachineStartResult> StartRegionMachine(
        [ActivityTrigger] StartRegionMachineInput input, FunctionContext executionContext) =>
        startRegionMachine.RunAsync(input, executionContext.CancellationToken);

    [Function(nameof(CollectFallbackResultActivity))]
    public Task<RegionResult?> CollectFallbackResult(
        [ActivityTrigger] CollectFallbackResultInput input, FunctionContext executionContext) =>
        collectFallbackResult.RunAsync(input, executionContext.CancellationToken);

    [Function(nameof(DestroyRegionMachineActivity))]
    public Task<MachineExit?> DestroyRegionMachine(
        [ActivityTrigger] DestroyRegionMachineInput input, FunctionContext executionContext) =>
        destroyRegionMachine.RunAsync(input, executionContext.CancellationToken);

    [Function(nameof(StoreAuditReportActivity))]
    public Task<bool> StoreAuditReport(
        [ActivityTrigger] AuditReport report, FunctionContext executionContext) =>
        storeAuditReport.RunAsync(report, executionContext.CancellationToken);

    [Function(nameof(RecordMonitorResultActivity))]
    public Task<bool> RecordMonitorResult(
        [ActivityTrigger] RecordMonitorResultInput input, FunctionContext executionContext) =>
        recordMonitorResult.RunAsync(input, executionContext.CancellationToken);
}

using System.Collections.Concurrent;
using Meridian.Contract.Results;
using Meridian.Core.Audits;
using Meridian.Core.Audits.Activities;
using Meridian.Core.Audits.Orchestration;
using Meridian.Core.Machines;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Xunit;

namespace Meridian.Testing.Orchestration;

/// <summary>
/// A real Durable engine running the real <see cref="AuditOrchestration"/>, with its activities
/// scripted per audit by an <see cref="AuditScenario"/> (found by the orchestration's instance id, so
/// one engine serves every scenario of a test class). Share one through <c>IClassFixture</c>.
/// </summary>
public abstract class AuditEngine : IAsyncLifetime
{
    private readonly ConcurrentDictionary<string, AuditScenario> scenarios = new(StringComparer.Ordinal);

    public abstract DurableTaskClient Client { get; }

    /// <summary>What the engine is, for messages: "in-memory" or "Azure Storage".</summary>
    public abstract string Name { get; }

    public abstract Task InitializeAsync();

    public abstract Task DisposeAsync();

    internal void Add(AuditScenario scenario) => scenarios[scenario.AuditId] = scenario;

    /// <summary>The real orchestrator, and each activity name answered by the scenario of the calling instance.</summary>
    protected void RegisterTasks(DurableTaskRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        registry
            .AddOrchestrator<AuditOrchestration>()
            .AddActivityFunc<StartRegionMachineInput, MachineStartResult>(
                nameof(StartRegionMachineActivity), (context, input) => For(context).StartMachineAsync(input!))
            .AddActivityFunc<CollectFallbackResultInput, RegionResult?>(
                nameof(CollectFallbackResultActivity), (context, input) => For(context).CollectFallbackAsync(input!))
            .AddActivityFunc<DestroyRegionMachineInput, MachineExit?>(
                nameof(DestroyRegionMachineActivity), (context, input) => For(context).DestroyMachineAsync(input!))
            .AddActivityFunc<AuditReport, bool>(
                nameof(StoreAuditReportActivity), (context, input) => For(context).StoreReportAsync(input!))
            .AddActivityFunc<RecordMonitorResultInput, bool>(
                nameof(RecordMonitorResultActivity), (context, input) => For(context).RecordMonitorResultAsync(input!));
    }

    private AuditScenario For(TaskActivityContext context) =>
        scenarios.TryGetValue(context.InstanceId, out var scenario)
            ? scenario
            : throw new InvalidOperationException($"No scenario runs audit {context.InstanceId}.");
}

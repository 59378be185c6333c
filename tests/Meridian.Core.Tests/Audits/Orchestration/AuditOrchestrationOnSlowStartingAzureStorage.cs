using Meridian.Contract.Delivery;
using Meridian.Core.Audits;
using Meridian.Testing.Orchestration;

namespace Meridian.Core.Tests.Audits.Orchestration;

/// <summary>
/// The audit on Azure Storage when an instance stays Pending for seconds after it was scheduled (its start
/// message deferred because the worker found it before the instance's record): what a loaded machine does
/// now and then, made certain by <see cref="SlowStartAzureStorageAuditEngine"/>.
/// </summary>
public sealed class AuditOrchestrationOnSlowStartingAzureStorage(SlowStartAzureStorageAuditEngine engine)
    : IClassFixture<SlowStartAzureStorageAuditEngine>
{
    [Fact]
    public async Task Result_raised_soon_after_the_start_is_delivered_though_the_instance_started_late()
    {
        // As in the scenario on the plain engine: the result is due 300 ms after the start, while the start
        // activity (2 s) is still running. Here the instance is still Pending then, for 4 s or more.
        var scenario = new AuditScenario(engine, "iad") { MachineStartTime = TimeSpan.FromSeconds(2) }.NeverCallsBack("iad");
        scenario.RaisesAfter(TimeSpan.FromMilliseconds(300), "iad", scenario.Result("iad", score: 0.77));

        var run = await scenario.RunAsync();

        var iad = run.Output!.Regions.Single();
        Assert.Equal((RegionStatus.Completed, ResultDelivery.Callback), (iad.Status, iad.Delivery));
        Assert.Equal(0.77, iad.Summary?.PerformanceScore);
        Assert.True(
            run.Output.StartedAt - run.ScheduledAt >= SlowStartAzureStorageAuditEngine.RecordDelay,
            $"the instance started {run.Output.StartedAt - run.ScheduledAt} after it was scheduled: the engine did not delay it");
    }
}

using System.Net;
using Meridian.Core.Audits.Orchestration;
using Meridian.Core.Machines.Fly;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Moq;
using static Meridian.Core.Tests.Machines.Fly.ScriptedFlyHandler;

namespace Meridian.Core.Tests.Machines.Fly;

public class OrphanMachineSweeperTests
{
    private static OrchestrationMetadata Instance(string id, OrchestrationRuntimeStatus status) =>
        new("AuditOrchestration", id) { RuntimeStatus = status };

    [Fact]
    public async Task Machines_of_finished_or_unknown_audits_are_destroyed_and_running_ones_kept()
    {
        const string machines = """
            [
              {"id":"m-done","state":"started","config":{"image":"i","metadata":{"meridian_audit_id":"audit-done"}}},
              {"id":"m-failed","state":"stopped","config":{"image":"i","metadata":{"meridian_audit_id":"audit-failed"}}},
              {"id":"m-unknown","state":"started","config":{"image":"i","metadata":{"meridian_audit_id":"audit-purged"}}},
              {"id":"m-running","state":"started","config":{"image":"i","metadata":{"meridian_audit_id":"audit-running"}}},
              {"id":"m-other","state":"started","config":{"image":"i","metadata":{"owner":"someone-else"}}}
            ]
            """;
        using var fly = new FlyClientHarness(request => request.Method == HttpMethod.Get ? Json(HttpStatusCode.OK, machines) : Json(HttpStatusCode.OK, "{}"));
        var orchestrations = new Mock<DurableTaskClient>("durable");
        orchestrations.Setup(c => c.GetInstanceAsync("audit-done", false, It.IsAny<CancellationToken>())).ReturnsAsync(Instance("audit-done", OrchestrationRuntimeStatus.Completed));
        orchestrations.Setup(c => c.GetInstanceAsync("audit-failed", false, It.IsAny<CancellationToken>())).ReturnsAsync(Instance("audit-failed", OrchestrationRuntimeStatus.Failed));
        orchestrations.Setup(c => c.GetInstanceAsync("audit-running", false, It.IsAny<CancellationToken>())).ReturnsAsync(Instance("audit-running", OrchestrationRuntimeStatus.Running));
        var sweeper = fly.Get<OrphanMachineSweeper>();

        var result = await sweeper.SweepAsync(orchestrations.Object, CancellationToken.None);

        Assert.Equal(4, result.Examined);
        Assert.Equal(["m-done", "m-failed", "m-unknown"], result.Destroyed);
        Assert.Empty(result.Failures);
        Assert.Equal(3, fly.Handler.Requests.Count(r => r.Method == HttpMethod.Delete));
    }

    [Fact]
    public async Task A_machine_that_cannot_be_read_is_skipped_and_named_and_the_sweep_goes_on()
    {
        const string machines = """
            [
              {"id":"m-foreign","config":{"image":"i"}},
              {"id":"m-done","state":"started","config":{"image":"i","restart":{},"guest":{"cpus":1,"memory_mb":256},"stop_config":{"timeout":30000000000},"metadata":{"meridian_audit_id":"audit-done"}}}
            ]
            """;
        using var fly = new FlyClientHarness(request => request.Method == HttpMethod.Get ? Json(HttpStatusCode.OK, machines) : Json(HttpStatusCode.OK, "{}"));
        var orchestrations = new Mock<DurableTaskClient>("durable");
        orchestrations.Setup(c => c.GetInstanceAsync("audit-done", false, It.IsAny<CancellationToken>())).ReturnsAsync(Instance("audit-done", OrchestrationRuntimeStatus.Completed));

        var result = await fly.Get<OrphanMachineSweeper>().SweepAsync(orchestrations.Object, CancellationToken.None);

        Assert.Equal(["m-done"], result.Destroyed);
        Assert.Equal(["m-foreign"], result.Skipped);
        Assert.Contains(fly.LogLines, line => line.Contains("skipped machine m-foreign", StringComparison.Ordinal));
    }
}

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
}

using System.Net;
using Meridian.Core.Durable;
using Meridian.Core.Fly;
using Microsoft.Extensions.DependencyInjection;
using Moq;
using static Meridian.Core.Tests.Fly.ScriptedFlyHandler;

namespace Meridian.Core.Tests.Fly;

public class OrphanMachineSweeperTests
{
    private static OrchestrationInstance Instance(string id, OrchestrationStatus status) =>
        new(id, status, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, null, null, null);

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
        var orchestrations = new Mock<IOrchestrationClient>();
        orchestrations.Setup(c => c.GetInstanceAsync("audit-done", It.IsAny<CancellationToken>())).ReturnsAsync(Instance("audit-done", OrchestrationStatus.Completed));
        orchestrations.Setup(c => c.GetInstanceAsync("audit-failed", It.IsAny<CancellationToken>())).ReturnsAsync(Instance("audit-failed", OrchestrationStatus.Failed));
        orchestrations.Setup(c => c.GetInstanceAsync("audit-running", It.IsAny<CancellationToken>())).ReturnsAsync(Instance("audit-running", OrchestrationStatus.Running));
        var sweeper = ActivatorUtilities.CreateInstance<OrphanMachineSweeper>(new ServiceProviderWith(fly, orchestrations.Object));

        var result = await sweeper.SweepAsync(CancellationToken.None);

        Assert.Equal(4, result.Examined);
        Assert.Equal(["m-done", "m-failed", "m-unknown"], result.Destroyed);
        Assert.Empty(result.Failures);
        Assert.Equal(3, fly.Handler.Requests.Count(r => r.Method == HttpMethod.Delete));
    }

    /// <summary>The harness's services plus the orchestration client the sweeper asks.</summary>
    private sealed class ServiceProviderWith(FlyClientHarness fly, IOrchestrationClient orchestrations) : IServiceProvider
    {
        public object? GetService(Type serviceType) =>
            serviceType == typeof(IOrchestrationClient) ? orchestrations : fly.Get<IServiceProvider>().GetService(serviceType);
    }
}

using Meridian.Core.Audits;
using Meridian.Core.Regions;
using Meridian.Local.FlyStandIn;
using Meridian.Local.Hosting;
using Meridian.Testing.Audits;
using Meridian.Testing.Worker;

namespace Meridian.Local.Tests.EndToEnd;

/// <summary>
/// Fly's create limit end to end: the real orchestration on the Azure Storage backend (whose timers
/// fire up to a second early), the real activities and Fly client, and the stand-in enforcing Fly's
/// limits. The workers are real processes with an instant Lighthouse, so the creates are the test.
/// </summary>
[Collection(EndToEnd.Name)]
public sealed class LocalPacingTests : IDisposable
{
    private readonly string data = Directory.CreateTempSubdirectory("meridian-e2e-pacing-").FullName;

    [Fact]
    public async Task An_18_region_audit_completes_without_a_single_create_refused_by_Flys_limit()
    {
        var worker = InstantLighthouse.Worker(data);
        await using var cloud = await LocalCloud.StartAsync(LocalAudits.Options(data) with { WorkerCommand = worker });
        using var http = new HttpClient { BaseAddress = cloud.BaseUrl };
        var regions = Core.Regions.RegionCatalog.All.Select(region => region.Code).ToList();

        var auditId = await AuditCalls.StartAsync(http, new AuditRequest(new Uri(cloud.BaseUrl, DemoPage.Path).AbsoluteUri, regions, Runs: 1));
        var state = await AuditCalls.WaitAsync(http, auditId, TimeSpan.FromMinutes(3));

        Assert.True(18 == state.Report!.Aggregates.Completed, string.Join("; ", state.Report.Regions.Select(region => $"{region.Region} {region.Status} {region.Reason}")));
        Assert.Equal(0, cloud.Fly.RateLimitedResponsesOf(FlyAction.Create));
    }

    public void Dispose() => Directory.Delete(data, recursive: true);
}

using Meridian.Core.Audits;
using Meridian.Local.FlyStandIn;
using Meridian.Local.Hosting;
using Meridian.Testing.Audits;
using Meridian.Testing.Worker;

namespace Meridian.Local.Tests.EndToEnd;

/// <summary>
/// Ten audits of all 18 regions started in the same second share the Fly app's create budget: the
/// real orchestrations on the Azure Storage backend, the real activities and Fly client, the stand-in
/// enforcing Fly's limits (sped up fourfold, with Meridian's budget and pacing, so the creates take
/// under a minute instead of three) and real worker processes with an instant Lighthouse. Benchmark
/// <c>fly</c> runs the same at Fly's own speed.
/// </summary>
[Collection(EndToEnd.Name)]
public sealed class ConcurrentAuditsTests : IDisposable
{
    private readonly string data = Directory.CreateTempSubdirectory("meridian-e2e-concurrent-").FullName;

    [Fact]
    public async Task Ten_audits_of_18_regions_at_once_lose_no_region_and_meet_no_create_refused_by_Flys_limit()
    {
        await using var cloud = await LocalCloud.StartAsync(LocalAudits.Options(data) with { WorkerCommand = InstantLighthouse.Worker(data), FlyRateSpeedup = 4 });
        using var http = new HttpClient { BaseAddress = cloud.BaseUrl };
        var regions = Core.Regions.RegionCatalog.All.Select(region => region.Code).ToList();
        var request = new AuditRequest(new Uri(cloud.BaseUrl, DemoPage.Path).AbsoluteUri, regions, Runs: 1);

        var auditIds = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => AuditCalls.StartAsync(http, request)));
        var states = await Task.WhenAll(auditIds.Select(id => AuditCalls.WaitAsync(http, id, TimeSpan.FromMinutes(5))));

        var lost = states.SelectMany(state => state.Report!.Regions.Where(region => region.Status != RegionStatus.Completed)
            .Select(region => $"{state.AuditId} {region.Region} {region.Status} {region.Reason}")).ToList();
        Assert.True(lost.Count == 0, $"{lost.Count} regions lost: {string.Join("; ", lost.Take(10))}");
        Assert.Equal(180, cloud.Fly.ArrivalsOf(FlyAction.Create).Count);
        Assert.Equal(0, cloud.Fly.RateLimitedResponsesOf(FlyAction.Create));
    }

    public void Dispose() => Directory.Delete(data, recursive: true);
}

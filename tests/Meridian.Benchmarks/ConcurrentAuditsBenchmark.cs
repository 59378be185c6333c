using System.Diagnostics;
using Meridian.Core.Audits;
using Meridian.Local.FlyStandIn;
using Meridian.Local.Hosting;
using Meridian.Testing.Audits;
using Meridian.Testing.Fly;
using Meridian.Testing.Worker;

namespace Meridian.Benchmarks;

/// <summary>
/// Part (c) of <c>fly</c>: audits of all 18 regions started in the same second on the local cloud, at
/// Fly's own limits (the stand-in enforcing them, the app's create budget keeping to them), with the
/// real worker and an instant Lighthouse: the creates are what is measured.
/// </summary>
internal static class ConcurrentAuditsBenchmark
{
    public static async Task RunAsync(int audits, CancellationToken cancellation)
    {
        var data = Directory.CreateTempSubdirectory("meridian-bench-concurrent-").FullName;
        try
        {
            await using var cloud = await LocalCloud.StartAsync(LocalBenchmark.Options(data, InstantLighthouse.Worker(data)), cancellationToken: cancellation);
            using var http = new HttpClient { BaseAddress = cloud.BaseUrl };
            var regions = Core.Regions.RegionCatalog.All.Select(region => region.Code).ToList();
            var request = new AuditRequest(new Uri(cloud.BaseUrl, DemoPage.Path).AbsoluteUri, regions, Runs: 1);
            var creates = audits * regions.Count;

            // Fly's bucket: 3 at once, then exactly one a second.
            var floor = TimeSpan.FromSeconds(creates - FlyCreateBudget.Burst);
            Console.WriteLine($"(c) {audits} audits x {regions.Count} regions started in the same second, stand-in at Fly's limits; floor implied by the limit: {floor.TotalSeconds:F0} s");

            var started = DateTimeOffset.UtcNow;
            var clock = Stopwatch.StartNew();
            var ids = await Task.WhenAll(Enumerable.Range(0, audits).Select(_ => AuditCalls.StartAsync(http, request)));
            var states = await Task.WhenAll(ids.Select(id => AuditCalls.WaitAsync(http, id, TimeSpan.FromMinutes(20))));
            var wall = clock.Elapsed;

            var arrivals = cloud.Fly.ArrivalsOf(FlyAction.Create);
            var creating = arrivals.Count == 0 ? TimeSpan.Zero : arrivals.Max() - started;
            var lost = states.Sum(state => state.Report?.Regions.Count(region => region.Status != RegionStatus.Completed) ?? regions.Count);
            Console.WriteLine($"    creates sent                 : {arrivals.Count} ({creates} regions)");
            Console.WriteLine($"    last create reached Fly after: {creating.TotalSeconds,6:F1} s ({creating / floor:F2}x the floor)");
            Console.WriteLine($"    every audit finished after   : {wall.TotalSeconds,6:F1} s");
            Console.WriteLine($"    creates answered 429         : {cloud.Fly.RateLimitedResponsesOf(FlyAction.Create)}");
            Console.WriteLine($"    regions lost                 : {lost}");
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }
}

using Meridian.Contract.Delivery;
using Meridian.Core.Audits;
using Meridian.Core.Regions;
using Meridian.Local.FlyStandIn.Faults;
using Meridian.Local.Hosting;
using Meridian.Testing.Audits;
using Meridian.Testing.Orchestration;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Meridian.Local.Tests.EndToEnd;

/// <summary>
/// Faults end to end: a region without capacity, a worker that never calls back, and a callback
/// endpoint that is down for one region. Two audits run at once in one local cloud and both end at
/// their deadline (the shortest allowed: 2 minutes).
/// </summary>
[Collection(EndToEnd.Name)]
public sealed class LocalAuditFaultTests : IDisposable
{
    private readonly string data = Directory.CreateTempSubdirectory("meridian-e2e-faults-").FullName;

    [Fact]
    public async Task Faulty_regions_end_at_the_deadline_as_unavailable_or_timed_out_and_a_refused_callback_arrives_by_fallback()
    {
        var options = LocalAudits.Options(data) with
        {
            RegionFaults = new Dictionary<string, RegionFault>(StringComparer.OrdinalIgnoreCase)
            {
                ["lhr"] = new() { CapacityError = CapacityErrorKind.InsufficientResources },
                ["syd"] = new() { Worker = WorkerFault.Hangs },
            },

            // The callback endpoint is down for one region: the worker must fall back to its blob.
            ConfigureApp = app => app.Use(async (context, next) =>
            {
                if (HttpMethods.IsPost(context.Request.Method) && context.Request.Path.Value!.EndsWith("/regions/sin/result", StringComparison.Ordinal))
                {
                    context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                    return;
                }

                await next(context);
            }),
        };
        await using var cloud = await LocalCloud.StartAsync(options);
        using var http = new HttpClient { BaseAddress = cloud.BaseUrl };
        var page = new Uri(cloud.BaseUrl, DemoPage.Path).AbsoluteUri;

        var faulty = await AuditCalls.StartAsync(http, new AuditRequest(page, ["iad", "lhr", "syd"], Runs: 1, DeadlineMinutes: 2));
        var refused = await AuditCalls.StartAsync(http, new AuditRequest(page, ["sin"], Runs: 1, DeadlineMinutes: 2));
        var faultyState = await AuditCalls.WaitAsync(http, faulty, TimeSpan.FromMinutes(4));
        var refusedState = await AuditCalls.WaitAsync(http, refused, TimeSpan.FromMinutes(1));

        var outcomes = faultyState.Report!.Regions.ToDictionary(region => region.Region);
        Assert.Equal(RegionStatus.Completed, outcomes["iad"].Status);
        Assert.Equal(RegionStatus.Unavailable, outcomes["lhr"].Status);
        Assert.Equal(RegionStatus.TimedOut, outcomes["syd"].Status);
        Assert.Equal((1, 1, 1), (faultyState.Report.Aggregates.Completed, faultyState.Report.Aggregates.Unavailable, faultyState.Report.Aggregates.TimedOut));

        var sin = Assert.Single(refusedState.Report!.Regions);
        Assert.Equal(RegionStatus.Completed, sin.Status);
        Assert.Equal(ResultDelivery.Fallback, sin.Delivery);
        Assert.NotNull(sin.Summary!.PerformanceScore);

        // The hung machine was destroyed at the deadline: nothing is left in the stand-in.
        await Eventually.TrueAsync(() => cloud.Fly.Machines.All(machine => machine.State == "destroyed"), TimeSpan.FromSeconds(30));
    }

    public void Dispose() => Directory.Delete(data, recursive: true);
}

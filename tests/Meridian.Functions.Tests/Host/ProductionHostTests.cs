using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Meridian.Contract.Delivery;
using Meridian.Core.Audits;
using Meridian.Core.Http;
using Meridian.Core.Monitors;
using Meridian.Core.Monitors.Api;
using Meridian.Core.Serialization;
using Meridian.Testing.Audits;

namespace Meridian.Functions.Tests.Host;

/// <summary>The app as deployed (Production) on the Functions host, the worker running real Lighthouse in Chromium.</summary>
public sealed class ProductionHostTests(ProductionFunctionsApp app) : FunctionsAppTests<ProductionFunctionsApp>(app), IClassFixture<ProductionFunctionsApp>
{
    [Fact]
    public async Task A_page_on_127_0_0_1_audited_from_two_regions_ends_with_lighthouse_numbers_in_the_report_and_in_blob_storage()
    {
        var state = await RunAsync(App.Api, new AuditRequest(App.Page.AbsoluteUri, ["iad", "lhr"], Runs: 1), TimeSpan.FromMinutes(4));

        Assert.True(state.Status == "completed", $"{state.Status}: {state.Failure}");
        Assert.All(state.Report!.Regions, region =>
        {
            Assert.Equal(RegionStatus.Completed, region.Status);
            Assert.Equal(ResultDelivery.Callback, region.Delivery);
            Assert.InRange(region.Summary!.PerformanceScore!.Value, 0.3, 1);
            Assert.InRange(region.Summary.LargestContentfulPaintMs!.Value, 1, 30_000);
            Assert.False(string.IsNullOrEmpty(region.Summary.LighthouseVersion));
        });
        await AssertStoredAsync(state.AuditId, ["iad", "lhr"]);
    }

    /// <summary>A daily CRON at the next whole minute: the every-minute timer trigger starts it at that slot.</summary>
    [Fact]
    public async Task A_monitor_created_through_the_api_is_audited_when_the_timer_reaches_its_slot()
    {
        var now = DateTimeOffset.UtcNow;
        var slot = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0, TimeSpan.Zero).AddMinutes(now.Second < 45 ? 1 : 2);
        var cron = string.Create(CultureInfo.InvariantCulture, $"{slot.Minute} {slot.Hour} * * *");
        using var created = await App.Api.PostAsJsonAsync(
            $"{ApiRoutes.Prefix}/{ApiRoutes.Monitors}", new MonitorRequest(App.Page.AbsoluteUri, ["iad"], Runs: 1, Cron: cron), MeridianJson.Options);
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var monitor = (await created.Content.ReadFromJsonAsync<MonitorView>(MeridianJson.Options))!;

        var run = await FirstRunAsync(monitor.Id, TimeSpan.FromMinutes(4));

        var audit = await AuditCalls.GetAsync(App.Api, run.AuditId, CancellationToken.None);
        Assert.Equal(monitor.Id, audit.MonitorId);
        Assert.InRange(audit.CreatedAt, slot, slot.AddSeconds(50));
        Assert.Equal(RegionStatus.Completed, Assert.Single(run.Regions).Status);
        Assert.NotNull(run.MedianPerformanceScore);
    }

    private async Task<MonitorRun> FirstRunAsync(string monitorId, TimeSpan limit)
    {
        using var timeout = new CancellationTokenSource(limit);
        while (true)
        {
            var history = await App.Api.GetFromJsonAsync<MonitorHistoryView>(
                $"{ApiRoutes.MonitorPath(monitorId).TrimStart('/')}/history", MeridianJson.Options, timeout.Token);
            if (history!.Runs.Count > 0)
            {
                return history.Runs[0];
            }

            await Task.Delay(TimeSpan.FromSeconds(1), timeout.Token);
        }
    }
}

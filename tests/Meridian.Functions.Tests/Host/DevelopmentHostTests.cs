using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Meridian.Contract.Delivery;
using Meridian.Core.Audits;
using Meridian.Core.Audits.Api;
using Meridian.Core.Regions;
using Meridian.Local.FlyStandIn;
using Meridian.Local.FunctionsHost;
using Meridian.Testing.Orchestration;

namespace Meridian.Functions.Tests.Host;

/// <summary>The app in Development (Core Tools' default) on the Functions host, the worker's Lighthouse instant.</summary>
public sealed class DevelopmentHostTests(DevelopmentFunctionsApp app) : FunctionsAppTests<DevelopmentFunctionsApp>(app), IClassFixture<DevelopmentFunctionsApp>
{
    [Fact]
    public async Task An_audit_shows_live_progress_its_regions_call_back_and_a_silent_one_times_out_at_the_deadline_with_its_machine_destroyed()
    {
        var seen = new List<AuditView>();
        var state = await RunAsync(
            App.Api, new AuditRequest(App.Page.AbsoluteUri, ["iad", "lhr", FunctionsAppFixture.SilentRegion], Runs: 1, DeadlineMinutes: 2), TimeSpan.FromMinutes(4), seen);

        // Live: while the silent region still ran, the others were already reported complete, with their numbers.
        Assert.Contains(seen, s => s.Status == "running"
            && s.Regions.Count(r => r.Status == RegionStatus.Completed && r.Summary?.PerformanceScore is not null) == 2
            && s.Regions.Single(r => r.Region == FunctionsAppFixture.SilentRegion).Status == RegionStatus.Running);

        Assert.Equal("completed", state.Status);
        var regions = state.Report!.Regions.ToDictionary(region => region.Region);
        Assert.Equal(RegionStatus.Completed, regions["iad"].Status);
        Assert.Equal(ResultDelivery.Callback, regions["iad"].Delivery);
        Assert.Equal(RegionStatus.Completed, regions["lhr"].Status);
        Assert.Equal(RegionStatus.TimedOut, regions[FunctionsAppFixture.SilentRegion].Status);
        await AssertStoredAsync(state.AuditId, ["iad", "lhr"]);

        // The orchestration destroyed the silent machine at the deadline; no machine of the audit is left.
        await Eventually.TrueAsync(
            () => App.Cloud.Fly.Machines.Where(m => m.Metadata.GetValueOrDefault("meridian_audit_id") == state.AuditId).All(m => m.State == "destroyed"),
            TimeSpan.FromSeconds(30));
    }

    /// <summary>The timer runs every ten minutes; the host's admin API runs it now, through the same trigger and bindings.</summary>
    [Fact]
    public async Task The_orphan_sweep_timer_destroys_a_machine_whose_audit_the_task_hub_does_not_know()
    {
        var orphan = await CreateMachineAsync(auditId: "01a0000000007000800000000000dead");

        var master = await App.Cloud.Host.GetMasterKeyAsync();
        using var run = new HttpRequestMessage(HttpMethod.Post, $"admin/functions/OrphanSweepFunction") { Content = new StringContent("{\"input\":null}", Encoding.UTF8, "application/json") };
        run.Headers.Add("x-functions-key", master);
        using var response = await App.Anonymous.SendAsync(run);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        await Eventually.TrueAsync(() => App.Cloud.Fly.FindMachine(orphan)?.State == "destroyed", TimeSpan.FromSeconds(30));
    }

    /// <summary>A machine made straight through the stand-in's Machines API, as a host that died mid-audit leaves one.</summary>
    private async Task<string> CreateMachineAsync(string auditId)
    {
        using var fly = new HttpClient { BaseAddress = App.Cloud.Fly.ApiBaseUrl };
        fly.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", App.Cloud.FlyApiToken);
        var body = System.Text.Json.JsonSerializer.Serialize(new
        {
            region = "iad",
            config = new { image = FunctionsCloud.WorkerImage, metadata = new Dictionary<string, string> { ["meridian_audit_id"] = auditId } },
        });
        using var response = await fly.PostAsync($"apps/{FunctionsCloud.FlyApp}/machines", new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        using var machine = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return machine.RootElement.GetProperty("id").GetString()!;
    }
}

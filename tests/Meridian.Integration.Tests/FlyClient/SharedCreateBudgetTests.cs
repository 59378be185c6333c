using Meridian.Contract.Jobs;
using Meridian.Core.Machines;
using Meridian.Core.Machines.Fly;
using Meridian.Core.Machines.Storage;
using Meridian.Core.Regions;
using Meridian.Core.Storage;
using Meridian.Local.FlyStandIn;
using Meridian.Testing.Audits;
using Meridian.Testing.Fly;
using Meridian.Testing.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Meridian.Integration.Tests.FlyClient;

/// <summary>
/// The app-wide create budget in a blob on Azurite, taken by two app instances at once: what Fly sees
/// stays within its per-app limit however many audits and instances create.
/// </summary>
public sealed class SharedCreateBudgetTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task Turns_taken_by_two_instances_at_once_stay_within_Flys_bucket()
    {
        var app = await NewAppAsync();
        using var first = Budget(app);
        using var second = Budget(app);

        var turns = await Task.WhenAll(Enumerable.Range(0, 60).Select(i => (i % 2 == 0 ? first : second).TakeTurnAsync(CancellationToken.None)));

        Assert.Equal(0, FlyCreateBudget.Refusals(turns.Select(turn => turn.UtcDateTime)));
        Assert.True(turns.Max() - turns.Min() >= CreateRate.FlyDefault.Interval * 58, "the two instances did not draw on one bucket");
    }

    [Fact]
    public async Task Budgets_that_do_not_share_the_blob_would_meet_Flys_limit()
    {
        // What the shared blob prevents: each instance (or audit) pacing alone within the limit, together above it.
        using var first = Budget(await NewAppAsync());
        using var second = Budget(await NewAppAsync());

        var turns = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => (i % 2 == 0 ? first : second).TakeTurnAsync(CancellationToken.None)));

        Assert.True(FlyCreateBudget.Refusals(turns.Select(turn => turn.UtcDateTime)) > 0);
    }

    [Fact]
    public async Task A_hold_after_a_429_at_one_instance_holds_the_other()
    {
        var app = await NewAppAsync();
        using var first = Budget(app);
        using var second = Budget(app);
        await second.TakeTurnAsync(CancellationToken.None); // it remembers the blob as it was
        var until = DateTimeOffset.UtcNow.AddSeconds(30);

        await first.HoldUntilAsync(until, CancellationToken.None);

        Assert.True(await second.TakeTurnAsync(CancellationToken.None) >= until);
    }

    [Fact]
    public async Task Two_app_instances_creating_at_once_are_never_answered_429_and_make_each_machine_once()
    {
        await MeridianBlobContainers.EnsureCreatedAsync(azurite.Server.CreateBlobServiceClient());

        // Fly's limits sped up fivefold, the client's budget with them, so the test takes seconds.
        await using var fly = await StandInFly.StartAsync(
            ImageCommand.Shell("sleep 3600"),
            actionRateLimit: new RateLimit(PerSecond: 5, Burst: 3),
            settings: new Dictionary<string, string?> { ["Fly:CreateIntervalMs"] = "220" },
            services: services => services.AddSingleton(azurite.Server.CreateBlobServiceClient()));
        await using var other = fly.AnotherInstance(services => services.AddSingleton(azurite.Server.CreateBlobServiceClient()));
        var regions = RegionCatalog.All.Take(12).Select(region => region.Code).ToList();
        var instances = new[] { fly.Machines, other.GetRequiredService<FlyRegionMachines>() };

        // A first call of each instance opens its connection and compiles its code: 100 ms and more, which
        // at this speed would bunch the first creates up. An app instance pays it once, not per create.
        foreach (var instance in instances)
        {
            await instance.DestroyAsync("warm-up", "iad", machineId: null, CancellationToken.None);
        }

        var starts = await Task.WhenAll(
            regions.Select(region => instances[0].StartAsync(Job("audit-one", region), CancellationToken.None))
                .Concat(regions.Select(region => instances[1].StartAsync(Job("audit-two", region), CancellationToken.None))));

        Assert.All(starts, start => Assert.Equal(MachineStartStatus.Started, start.Status));
        Assert.Equal(24, starts.Select(start => start.MachineId).Distinct().Count());
        Assert.Equal(24, fly.Server.Machines.Count);
        var arrivals = fly.Server.ArrivalsOf(FlyAction.Create).Order().ToList();
        Assert.True(
            fly.Server.RateLimitedResponsesOf(FlyAction.Create) == 0,
            $"{fly.Server.RateLimitedResponsesOf(FlyAction.Create)} creates answered 429; arrivals (ms): {string.Join(", ", arrivals.Select(at => (at - arrivals[0]).TotalMilliseconds.ToString("F0", System.Globalization.CultureInfo.InvariantCulture)))}");
    }

    private static WorkerJob Job(string auditId, string region) =>
        TestWorkerJobs.Create(auditId, region, runs: 1, callbackUrl: new Uri("http://127.0.0.1:9/"), deadline: DateTimeOffset.UtcNow.AddMinutes(10));

    private BlobCreateBudget Budget(string app) => new(azurite.Server.CreateBlobServiceClient(), app, CreateRate.FlyDefault, TimeProvider.System);

    /// <summary>A Fly app of its own for each test: tests share the Azurite, so they must not share a budget.</summary>
    private async Task<string> NewAppAsync()
    {
        await MeridianBlobContainers.EnsureCreatedAsync(azurite.Server.CreateBlobServiceClient());
        return $"app-{Guid.NewGuid():N}"[..20];
    }
}

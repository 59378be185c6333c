using System.CommandLine;
using System.Diagnostics;
using System.Net.Http.Headers;
using Meridian.Contract.Jobs;
using Meridian.Core.Machines;
using Meridian.Core.Machines.Fly;
using Meridian.Core.Regions;
using Meridian.Local.FlyStandIn;
using Meridian.Testing.Audits;
using Meridian.Testing.Fly;

namespace Meridian.Benchmarks;

/// <summary>
/// (a) 18 machine creates against the stand-in enforcing Fly's create limit (1/s, burst 3), paced as
/// the orchestration paces them and all at once on the client's retries, next to the limit's floor;
/// (b) the real client's overhead for create + wait started + destroy, against a stand-in with no
/// limits and an instant process, next to the same calls made with a bare HttpClient; (c) audits of
/// 18 regions started together on the local cloud, sharing the app's create budget (<see cref="ConcurrentAuditsBenchmark"/>).
/// </summary>
internal static class FlyClientBenchmark
{
    private static readonly ImageCommand Instant = new("sleep", ["3600"]);

    public static Command Command()
    {
        var parts = new Option<string>("--parts") { Description = "Which parts to run, e.g. 'c' or 'ab'.", DefaultValueFactory = _ => "abc" };
        var audits = new Option<int>("--audits") { Description = "Audits of 18 regions started together in (c).", DefaultValueFactory = _ => 10 };
        var command = new Command("fly", "Fly client: 18 rate-limited creates, client overhead per machine lifecycle, audits sharing the app's create budget.") { parts, audits };
        command.SetAction(async (parse, cancellation) =>
        {
            var which = parse.GetValue(parts)!;
            if (which.Contains('a', StringComparison.Ordinal) || which.Contains('b', StringComparison.Ordinal))
            {
                await RunAsync(which, cancellation);
            }

            if (which.Contains('c', StringComparison.Ordinal))
            {
                await ConcurrentAuditsBenchmark.RunAsync(parse.GetValue(audits), cancellation);
            }

            return 0;
        });
        return command;
    }

    private static async Task RunAsync(string parts, CancellationToken cancellation)
    {
        var regions = RegionCatalog.All.Select(r => r.Code).ToList();
        // Fly's limit itself: 3 at once, then exactly 1 per second.
        var floor = new CreatePacing(3, TimeSpan.FromSeconds(1)).SlotFor(regions.Count - 1, DateTime.UnixEpoch) - DateTime.UnixEpoch;
        var pacedFloor = CreatePacing.FlyDefault.SlotFor(regions.Count - 1, DateTime.UnixEpoch) - DateTime.UnixEpoch;

        if (parts.Contains('a', StringComparison.Ordinal))
        {
            Console.WriteLine($"(a) 18 creates, stand-in enforcing 1 create/s with bursts of 3; floor implied by the limit: {floor.TotalSeconds:F1} s");
            var paced = await TimeCreatesAsync(regions, paced: true, cancellation);
            Console.WriteLine($"    paced like the orchestration : {paced.Wall.TotalSeconds,5:F1} s (its schedule: {pacedFloor.TotalSeconds:F1} s), {paced.Started}/18 started, {paced.Limited} answered 429");
            var burst = await TimeCreatesAsync(regions, paced: false, cancellation);
            Console.WriteLine($"    all at once, app's budget    : {burst.Wall.TotalSeconds,5:F1} s, {burst.Started}/18 started, {burst.Limited} answered 429");
        }

        if (parts.Contains('b', StringComparison.Ordinal))
        {
            Console.WriteLine("(b) create + wait started + destroy of 18 machines, one after another; stand-in without limits, instant process");
            var (client, bare) = await TimeLifecyclesAsync(regions, cancellation);
            Console.WriteLine($"    Meridian client (Refit + resilience) : {client.TotalMilliseconds / 18,6:F1} ms per machine ({client.TotalMilliseconds:F0} ms in all)");
            Console.WriteLine($"    bare HttpClient, same calls          : {bare.TotalMilliseconds / 18,6:F1} ms per machine ({bare.TotalMilliseconds:F0} ms in all)");
            Console.WriteLine($"    client overhead                      : {(client - bare).TotalMilliseconds / 18,6:F1} ms per machine");
        }
    }

    private static async Task<(TimeSpan Wall, int Started, long Limited)> TimeCreatesAsync(List<string> regions, bool paced, CancellationToken cancellation)
    {
        await using var fly = await StandInFly.StartAsync(Instant, settings: new Dictionary<string, string?> { ["Fly:MaxRetryAttempts"] = "10" });
        var start = DateTime.UtcNow;
        var clock = Stopwatch.StartNew();
        var creates = regions.Select(async (region, index) =>
        {
            if (paced)
            {
                var delay = CreatePacing.FlyDefault.SlotFor(index, start) - DateTime.UtcNow;
                if (delay > TimeSpan.Zero)
                {
                    await Task.Delay(delay, cancellation);
                }
            }

            try
            {
                return (await fly.Machines.StartAsync(Job(region, "bench-a"), cancellation)).Status == MachineStartStatus.Started;
            }
            catch (FlyApiException failure)
            {
                Console.WriteLine($"    {region}: {failure.Message} after {clock.Elapsed.TotalSeconds:F1} s");
                return false;
            }
        });
        var results = await Task.WhenAll(creates);
        clock.Stop();
        return (clock.Elapsed, results.Count(started => started), fly.Server.RateLimitedResponses);
    }

    private static async Task<(TimeSpan Client, TimeSpan Bare)> TimeLifecyclesAsync(List<string> regions, CancellationToken cancellation)
    {
        await using var fly = await StandInFly.StartAsync(Instant, rateLimits: false, bootDelay: TimeSpan.Zero);

        // Warm both paths (JIT, connection) before measuring.
        await ClientLifecycleAsync(fly, "ams", "warm-client", cancellation);
        using var http = new HttpClient { BaseAddress = fly.Server.ApiBaseUrl };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", StandInFly.Token);
        await BareLifecycleAsync(http, "ams", "warm-bare", cancellation);

        var clock = Stopwatch.StartNew();
        foreach (var region in regions)
        {
            await ClientLifecycleAsync(fly, region, "bench-b", cancellation);
        }

        var client = clock.Elapsed;
        clock.Restart();
        foreach (var region in regions)
        {
            await BareLifecycleAsync(http, region, "bench-b-bare", cancellation);
        }

        return (client, clock.Elapsed);
    }

    private static async Task ClientLifecycleAsync(StandInFly fly, string region, string auditId, CancellationToken cancellation)
    {
        var start = await fly.Machines.StartAsync(Job(region, auditId), cancellation);
        await fly.Machines.DestroyAsync(auditId, region, start.MachineId, cancellation);
    }

    private static async Task BareLifecycleAsync(HttpClient http, string region, string auditId, CancellationToken cancellation)
    {
        var body = new System.Text.Json.Nodes.JsonObject
        {
            ["name"] = $"bare-{region}-{auditId}",
            ["region"] = region,
            ["config"] = new System.Text.Json.Nodes.JsonObject
            {
                ["image"] = StandInFly.WorkerImage,
                ["auto_destroy"] = true,
                ["restart"] = new System.Text.Json.Nodes.JsonObject { ["policy"] = "no" },
            },
        }.ToJsonString();
        using var created = await http.PostAsync($"apps/{StandInFly.App}/machines", new StringContent(body, System.Text.Encoding.UTF8, "application/json"), cancellation);
        created.EnsureSuccessStatusCode();
        using var machine = System.Text.Json.JsonDocument.Parse(await created.Content.ReadAsStringAsync(cancellation));
        var id = machine.RootElement.GetProperty("id").GetString();
        using var waited = await http.GetAsync($"apps/{StandInFly.App}/machines/{id}/wait?state=started&timeout=20", cancellation);
        waited.EnsureSuccessStatusCode();
        using var got = await http.GetAsync($"apps/{StandInFly.App}/machines/{id}", cancellation);
        got.EnsureSuccessStatusCode();
        using var deleted = await http.DeleteAsync($"apps/{StandInFly.App}/machines/{id}?force=true", cancellation);
        deleted.EnsureSuccessStatusCode();
    }

    private static WorkerJob Job(string region, string auditId) =>
        TestWorkerJobs.Create(auditId, region, runs: 1, callbackUrl: new Uri("http://127.0.0.1:9/"), deadline: DateTimeOffset.UtcNow.AddMinutes(10));
}

using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Meridian.Core.Audits;
using Meridian.Local.FlyStandIn;
using Meridian.Local.FunctionsHost;
using Meridian.Local.Hosting;
using Meridian.Testing;
using Meridian.Testing.Audits;
using Meridian.Testing.Web;
using Meridian.Testing.Worker;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Meridian.Benchmarks;

/// <summary>
/// The same audit (same page on 127.0.0.1, regions and runs) on the local host and on the Functions app
/// on a Functions host: each host's start-up, and each audit's wall from POST to completed.
/// </summary>
internal static class HostsBenchmark
{
    public static Command Command()
    {
        var regions = new Option<string>("--regions") { Description = "Regions of the audit.", DefaultValueFactory = _ => "iad,lhr,syd" };
        var runs = new Option<int>("--runs") { Description = "Lighthouse runs per region.", DefaultValueFactory = _ => 1 };
        var iterations = new Option<int>("--iterations") { Description = "Audits per host, one after another.", DefaultValueFactory = _ => 3 };
        var instant = new Option<bool>("--instant") { Description = "The worker with a Lighthouse that answers at once, to see the hosts' own share." };
        var command = new Command("hosts", "The same audit on the local host and on the Functions app (needs a Functions host: func, or MERIDIAN_FUNCTIONS_HOST).")
        {
            regions, runs, iterations, instant,
        };
        command.SetAction(async (parse, cancellation) => await RunAsync(
            parse.GetValue(regions)!.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries), parse.GetValue(runs), parse.GetValue(iterations), parse.GetValue(instant)));
        return command;
    }

    private static async Task<int> RunAsync(string[] regions, int runs, int iterations, bool instant)
    {
        var data = Directory.CreateTempSubdirectory("meridian-bench-hosts-").FullName;
        try
        {
            await using var pages = await LoopbackServer.StartAsync(app => app.MapGet("/shop", () => Results.Content(
                "<!doctype html><html lang=en><head><meta charset=utf-8><meta name=viewport content=\"width=device-width\"><title>Shop</title></head><body><h1>Shop</h1><p>Fresh bread every morning.</p></body></html>",
                "text/html")));
            var request = new AuditRequest(pages.Url("shop").AbsoluteUri, regions, Runs: runs);
            var worker = instant ? InstantLighthouse.Worker(Path.Combine(data, "lighthouse")) : null;
            Console.WriteLine($"Audit: {string.Join(',', regions)}, {runs} run(s), {(instant ? "instant Lighthouse" : "real Lighthouse in Chromium")}, {iterations} per host, one after another");

            var started = Stopwatch.StartNew();
            await using (var local = await LocalCloud.StartAsync(new LocalCloudOptions
            {
                DataDirectory = Path.Combine(data, "local"),
                NodeModulesDirectory = RepositoryPaths.Combine("worker"),
                AllowPrivateTargets = true,
                WorkerCommand = worker,
            }))
            {
                using var http = new HttpClient { BaseAddress = local.BaseUrl };
                await MeasureAsync("local host (serve)", started.Elapsed, http, request, iterations);
            }

            started.Restart();
            await using (var functions = await FunctionsCloud.StartAsync(new FunctionsCloudOptions
            {
                Host = FunctionsHostInstallation.Require(),
                AppBuildOutput = FunctionsAppBuild.OutputDirectory,
                NodeModulesDirectory = RepositoryPaths.Combine("worker"),
                DataDirectory = Path.Combine(data, "functions"),
                EnvironmentName = "Production",
                AllowPrivateTargets = true,
                WorkerCommand = worker,
            }))
            {
                using var http = new HttpClient { BaseAddress = functions.BaseUrl };
                http.DefaultRequestHeaders.Add("x-functions-key", await functions.Host.GetFunctionKeyAsync());
                await MeasureAsync("Functions host", started.Elapsed, http, request, iterations);
            }

            return 0;
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    private static async Task MeasureAsync(string host, TimeSpan startUp, HttpClient http, AuditRequest request, int iterations)
    {
        var walls = new List<double>();
        for (var i = 0; i < iterations; i++)
        {
            var clock = Stopwatch.StartNew();
            var auditId = await AuditCalls.StartAsync(http, request);
            var state = await AuditCalls.WaitAsync(http, auditId, TimeSpan.FromMinutes(10));
            walls.Add(clock.Elapsed.TotalSeconds);
            var completed = state.Report?.Regions.Count(region => region.Status == RegionStatus.Completed) ?? 0;
            if (state.Status != "completed" || completed != request.Regions!.Count)
            {
                Console.WriteLine($"  {host}: audit {auditId} ended {state.Status} with {completed}/{request.Regions!.Count} regions completed");
            }
        }

        walls.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{host,-20} start-up {startUp.TotalSeconds,5:0.0} s   audit wall median {walls[walls.Count / 2],5:0.0} s (min {walls[0]:0.0}, max {walls[^1]:0.0})"));
    }
}

using System.CommandLine;
using System.Diagnostics;
using Azure.Data.Tables;
using Meridian.Core.Audits;
using Meridian.Core.Audits.Activities;
using Meridian.Core.Audits.Orchestration;
using Meridian.Core.Machines;
using Meridian.Core.Regions;
using Meridian.Local.FlyStandIn;
using Meridian.Local.Hosting;
using Meridian.Testing;
using Meridian.Testing.Fly;
using Meridian.Testing.Orchestration;
using Meridian.Testing.Worker;

namespace Meridian.Benchmarks;

/// <summary>
/// The audit orchestration on the real engines: (a) CPU per N-region audit with instant scripted
/// activities on the in-memory engine and on the Azure Storage backend (with Azurite's CPU and the
/// history the audit wrote), and the custom status size, worst case and measured; (b) 18 regions at
/// Fly's pace on the Azure Storage backend: the orchestration's own create spacing, and what the Fly
/// stand-in saw through the real client on the local cloud (smallest gap, 429s).
/// </summary>
internal static class OrchestrationBenchmark
{
    /// <summary>The Durable Functions host refuses a custom status over 16 KB of UTF-16 text.</summary>
    private const int HostCustomStatusLimit = 16 * 1024;

    public static Command Command()
    {
        var regions = new Option<int>("--regions") { Description = "Regions per audit in (a), 1-18.", DefaultValueFactory = _ => 18 };
        var iterations = new Option<int>("--iterations") { Description = "Measured audits per engine in (a).", DefaultValueFactory = _ => 10 };
        var parts = new Option<string>("--parts") { Description = "Which parts to run: 'a', 'b' or 'ab'.", DefaultValueFactory = _ => "ab" };
        var command = new Command("orchestration", "The audit orchestration on the real engines: CPU, history, custom status size, create pacing.")
        {
            regions,
            iterations,
            parts,
        };
        command.SetAction((parse, cancellation) => RunAsync(parse.GetValue(regions), parse.GetValue(iterations), parse.GetValue(parts)!, cancellation));
        return command;
    }

    private static async Task<int> RunAsync(int regionCount, int iterations, string parts, CancellationToken cancellation)
    {
        if (regionCount is < 1 or > RegionCatalog.MaxPerAudit || iterations < 1)
        {
            Console.Error.WriteLine("--regions must be 1-18 and --iterations at least 1.");
            return 2;
        }

        if (parts.Contains('a', StringComparison.Ordinal))
        {
            var codes = RegionCatalog.All.Take(regionCount).Select(region => region.Code).ToArray();
            Console.WriteLine($"(a) Audit orchestration, {regionCount} regions, instant scripted activities and workers, {iterations} audits per engine");
            var inMemory = new InMemoryAuditEngine();
            await RunOnAsync(inMemory, () => MeasureAsync(inMemory, codes, iterations, azurite: null, history: null));
            var azureStorage = new AzureStorageAuditEngine();
            await RunOnAsync(azureStorage, () => MeasureAsync(azureStorage, codes, iterations, azureStorage.Storage.ProcessId, HistoryCounter(azureStorage)));

            var worst = WorstCaseProgress.Utf16Bytes(WorstCaseProgress.At18Regions());
            Console.WriteLine($"    custom status, worst case at 18 regions : {worst,7} UTF-16 bytes (budget {AuditProgress.MaxUtf16Bytes}, host limit {HostCustomStatusLimit})");
        }

        if (parts.Contains('b', StringComparison.Ordinal))
        {
            await PacedAsync(cancellation);
        }

        return 0;
    }

    private static async Task MeasureAsync(AuditEngine engine, string[] regions, int iterations, int? azurite, Func<string, Task<int>>? history)
    {
        AuditScenario Scenario() => new(engine, regions)
        {
            MachineStartTime = TimeSpan.Zero,
            WorkerTime = TimeSpan.Zero,
            Pacing = new CreatePacing(regions.Length, TimeSpan.Zero),
        };

        for (var warmup = 0; warmup < 2; warmup++)
        {
            await Scenario().RunAsync();
        }

        using var self = Process.GetCurrentProcess();
        using var storage = azurite is { } pid ? Process.GetProcessById(pid) : null;
        var (cpu, storageCpu, wall, events, status) = (new List<double>(), new List<double>(), new List<double>(), 0, 0);
        for (var i = 0; i < iterations; i++)
        {
            var scenario = Scenario();
            self.Refresh();
            storage?.Refresh();
            var (cpuBefore, storageBefore) = (self.TotalProcessorTime, storage?.TotalProcessorTime ?? TimeSpan.Zero);
            var clock = Stopwatch.StartNew();

            var run = await scenario.RunAsync();

            wall.Add(clock.Elapsed.TotalMilliseconds);
            self.Refresh();
            storage?.Refresh();
            cpu.Add((self.TotalProcessorTime - cpuBefore).TotalMilliseconds);
            storageCpu.Add(((storage?.TotalProcessorTime ?? TimeSpan.Zero) - storageBefore).TotalMilliseconds);
            if (run.Output?.Aggregates.Completed != regions.Length)
            {
                throw new InvalidOperationException($"An audit completed {run.Output?.Aggregates.Completed} of {regions.Length} regions: not a full audit.");
            }

            events = history is null ? 0 : await history(scenario.AuditId);
            status = (run.Final.SerializedCustomStatus?.Length ?? 0) * sizeof(char);
        }

        Console.WriteLine($"  {engine.Name} engine");
        Console.WriteLine($"    CPU per audit, this process             : median {Median(cpu),7:F0} ms (engine, client and the scripted activities)");
        if (azurite is not null)
        {
            Console.WriteLine($"    CPU per audit, Azurite                  : median {Median(storageCpu),7:F0} ms");
            Console.WriteLine($"    history events per audit               : {events,7}");
        }

        Console.WriteLine($"    wall per audit                          : median {Median(wall),7:F0} ms (start to the client seeing it complete)");
        Console.WriteLine($"    custom status at the end                : {status,7} UTF-16 bytes");
    }

    /// <summary>The rows DurableTask.AzureStorage wrote for an instance in the task hub's History table.</summary>
    private static Func<string, Task<int>> HistoryCounter(AzureStorageAuditEngine engine)
    {
        var table = new TableClient(engine.Storage.ConnectionString, $"{engine.TaskHubName}History");
        return async instanceId =>
        {
            var rows = 0;
            await foreach (var _ in table.QueryAsync<TableEntity>(row => row.PartitionKey == instanceId, select: ["PartitionKey"]))
            {
                rows++;
            }

            return rows;
        };
    }

    /// <summary>
    /// 18 regions at Fly's pace on the Azure Storage backend, whose timers fire up to a second early:
    /// first the orchestration alone (when its scripted creates ran, against Fly's bucket), then the
    /// whole local cloud, where the real client holds creates to Fly's limit and the stand-in enforces it.
    /// </summary>
    private static async Task PacedAsync(CancellationToken cancellation)
    {
        var regions = RegionCatalog.All.Select(region => region.Code).ToArray();
        Console.WriteLine("(b) 18 regions at Fly's pace (burst 3, then one per 1.2 s) on the Azure Storage backend");
        var engine = new AzureStorageAuditEngine();
        await RunOnAsync(engine, async () =>
        {
            var run = await new AuditScenario(engine, regions) { Pacing = CreatePacing.FlyDefault, MachineStartTime = TimeSpan.Zero }.RunAsync();
            var ran = run.CallsTo(nameof(StartRegionMachineActivity)).Select(call => call.At).ToList();
            var early = run.CallsTo(nameof(StartRegionMachineActivity))
                .Select(call => (call.At - CreatePacing.FlyDefault.SlotFor(Array.IndexOf(regions, call.Input<StartRegionMachineInput>().Region), run.Output!.StartedAt)).TotalMilliseconds)
                .Min();
            Console.WriteLine("  the orchestration alone (scripted creates: when the engine ran them)");
            Console.WriteLine($"    smallest gap between two paced creates  : {FlyCreateBudget.SmallestPacedGap(ran).TotalMilliseconds,7:F0} ms");
            Console.WriteLine($"    earliest create against its slot        : {early,7:F0} ms (negative: before it)");
            Console.WriteLine($"    creates Fly's bucket would refuse       : {FlyCreateBudget.Refusals(ran),7}");
        });

        var data = Directory.CreateTempSubdirectory("meridian-bench-paced-").FullName;
        try
        {
            var worker = InstantLighthouse.Worker(data);
            await using var cloud = await LocalCloud.StartAsync(
                new LocalCloudOptions { DataDirectory = data, NodeModulesDirectory = RepositoryPaths.Combine("worker"), AllowPrivateTargets = true, WorkerCommand = worker },
                cancellationToken: cancellation);
            using var http = new HttpClient { BaseAddress = cloud.BaseUrl };
            var clock = Stopwatch.StartNew();
            var state = await LocalBenchmark.AuditAsync(http, new AuditRequest(new Uri(cloud.BaseUrl, DemoPage.Path).AbsoluteUri, regions, Runs: 1), cancellation);
            var arrived = cloud.Fly.ArrivalsOf(FlyAction.Create).Select(at => at.UtcDateTime).ToList();
            Console.WriteLine("  the local cloud (real activities, Fly client and stand-in enforcing Fly's limits; instant workers)");
            Console.WriteLine($"    regions completed                       : {state.Report?.Aggregates.Completed ?? 0,7} of 18 in {clock.Elapsed.TotalSeconds:F1} s");
            Console.WriteLine($"    smallest gap between two creates at Fly : {FlyCreateBudget.SmallestPacedGap(arrived).TotalMilliseconds,7:F0} ms");
            Console.WriteLine($"    creates answered 429                    : {cloud.Fly.RateLimitedResponsesOf(FlyAction.Create),7}");
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    private static async Task RunOnAsync(AuditEngine engine, Func<Task> measure)
    {
        await engine.InitializeAsync();
        try
        {
            await measure();
        }
        finally
        {
            await engine.DisposeAsync();
        }
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }
}

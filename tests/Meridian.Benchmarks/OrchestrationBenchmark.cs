using System.CommandLine;
using System.Diagnostics;
using Meridian.Core.Regions;
using Meridian.Testing.Audits;

namespace Meridian.Benchmarks;

/// <summary>
/// CPU time of one audit orchestration run to completion on the replay-checking host, with instant
/// activities and workers: the cost of the orchestration code and its replays, nothing else.
/// </summary>
internal static class OrchestrationBenchmark
{
    public static Command Command()
    {
        var regions = new Option<int>("--regions") { Description = "Regions per audit (1-18).", DefaultValueFactory = _ => 18 };
        var iterations = new Option<int>("--iterations") { Description = "Measured runs.", DefaultValueFactory = _ => 30 };
        var command = new Command("orchestration", "CPU time of an N-region audit orchestration on the replay-checking host.")
        {
            regions,
            iterations,
        };
        command.SetAction(parse => Run(parse.GetValue(regions), parse.GetValue(iterations)));
        return command;
    }

    private static int Run(int regionCount, int iterations)
    {
        if (regionCount is < 1 or > 18 || iterations < 1)
        {
            Console.Error.WriteLine("--regions must be 1-18 and --iterations at least 1.");
            return 2;
        }

        var codes = RegionCatalog.All.Take(regionCount).Select(r => r.Code).ToArray();
        AuditScenario Scenario() => new(codes) { WorkerTime = TimeSpan.Zero, MachineStartTime = TimeSpan.Zero };

        for (var warmup = 0; warmup < 3; warmup++)
        {
            Scenario().Run();
        }

        var process = Process.GetCurrentProcess();
        var cpu = new List<double>();
        var wall = new List<double>();
        var allocated = new List<long>();
        var (episodes, historyEvents) = (0, 0);
        for (var i = 0; i < iterations; i++)
        {
            var scenario = Scenario();
            GC.Collect();
            process.Refresh();
            var cpuBefore = process.TotalProcessorTime;
            var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
            var clock = Stopwatch.StartNew();

            var run = scenario.Run();

            clock.Stop();
            allocated.Add(GC.GetAllocatedBytesForCurrentThread() - allocatedBefore);
            process.Refresh();
            cpu.Add((process.TotalProcessorTime - cpuBefore).TotalMilliseconds);
            wall.Add(clock.Elapsed.TotalMilliseconds);
            (episodes, historyEvents) = (run.Episodes, run.History.Count);
            if (run.Output?.Aggregates.Completed != regionCount)
            {
                Console.Error.WriteLine($"Run {i} completed {run.Output?.Aggregates.Completed} of {regionCount} regions: the benchmark is not measuring a full audit.");
                return 1;
            }
        }

        Console.WriteLine($"Audit orchestration, {regionCount} regions, instant activities and workers, replay-checking host, {iterations} runs");
        Console.WriteLine($"  episodes (full replays) per run : {episodes}");
        Console.WriteLine($"  history events per run          : {historyEvents}");
        Console.WriteLine($"  CPU time per run                : median {Median(cpu):F1} ms, min {cpu.Min():F1} ms, max {cpu.Max():F1} ms");
        Console.WriteLine($"  wall time per run               : median {Median(wall):F1} ms");
        Console.WriteLine($"  allocated per run               : median {Median(allocated.Select(b => (double)b).ToList()) / (1024 * 1024):F1} MiB");
        return 0;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }
}

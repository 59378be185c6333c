using System.CommandLine;
using Meridian.Benchmarks;

var root = new RootCommand("Meridian benchmarks: each prints figures and asserts nothing.")
{
    OrchestrationBenchmark.Command(),
    FlyClientBenchmark.Command(),
    WorkerBenchmark.Command(),
    LocalBenchmark.Command(),
    MonitorSchedulerBenchmark.Command(),
    HostsBenchmark.Command(),
    HostileBenchmark.Command(),
};

return await root.Parse(args).InvokeAsync();

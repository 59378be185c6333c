using System.CommandLine;
using System.Diagnostics;
using Meridian.Local.Azurite;
using Meridian.Core.Audits;
using Meridian.Core.Audits.Storage;
using Meridian.Core.Configuration;
using Meridian.Core.Monitors;
using Meridian.Core.Monitors.Storage;
using Meridian.Core.Storage;
using Meridian.Testing;
using Meridian.Testing.Monitors;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Meridian.Benchmarks;

/// <summary>
/// One scheduler tick over many stored monitors (Azurite): how long finding the due ones takes,
/// how long starting them takes, and the memory the tick used. The due set comes from the due index
/// (one listing under <c>due/</c> that stops at the first marker after now), not from the definitions.
/// </summary>
internal static class MonitorSchedulerBenchmark
{
    public static Command Command()
    {
        // 10,000 by default: Azurite stores about 45 monitors a second here and slows as it fills, so 100,000 take hours.
        var count = new Option<int>("--monitors") { Description = "Monitors to store (100000 where storage is faster than Azurite).", DefaultValueFactory = _ => 10_000 };
        var command = new Command("monitors", "Scheduler tick over stored monitor definitions: due-set lookup, starts, memory.") { count };
        command.SetAction(async (parse, cancellation) => await RunAsync(parse.GetValue(count), cancellation));
        return command;
    }

    private static async Task<int> RunAsync(int count, CancellationToken cancellation)
    {
        await using var azurite = await AzuriteServer.StartAsync(new AzuriteServerOptions { NodeModulesDirectory = RepositoryPaths.Combine("worker"), InMemory = true }, cancellation);
        var blobs = azurite.CreateBlobServiceClient();
        await MeridianBlobContainers.EnsureCreatedAsync(blobs, cancellation);
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));
        var store = new BlobMonitorStore(blobs);

        // A mix people keep: most hourly or daily, some every 5 or 15 minutes, a few on CRON.
        var setup = Stopwatch.StartNew();
        var stored = 0;
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 64, CancellationToken = cancellation }, async (i, token) =>
        {
            var definition = (i % 20) switch
            {
                0 => SampleMonitors.Definition(intervalMinutes: 5),
                1 or 2 => SampleMonitors.Definition(intervalMinutes: 15),
                3 => SampleMonitors.Definition(intervalMinutes: null, cron: "0 */6 * * *"),
                < 12 => SampleMonitors.Definition(intervalMinutes: 60),
                _ => SampleMonitors.Definition(intervalMinutes: 1440),
            };
            await store.CreateAsync(SampleMonitors.NewAt($"mon-{i:x32}", definition, clock.GetUtcNow()), token);
            if (Interlocked.Increment(ref stored) % 10_000 == 0)
            {
                Console.WriteLine($"  stored {stored:N0} of {count:N0} ({setup.Elapsed.TotalSeconds:F0} s)");
            }
        });
        Console.WriteLine($"stored {count:N0} monitors through the store (definition + due marker each; Azurite in memory) in {setup.Elapsed.TotalSeconds:F0} s");

        // The first tick after a minute: the monitors whose slot fell in it are due.
        clock.Advance(TimeSpan.FromMinutes(1));
        var listing = Stopwatch.StartNew();
        var due = 0;
        await foreach (var _ in store.ListDueAsync(clock.GetUtcNow(), cancellation))
        {
            due++;
        }

        var findWall = listing.Elapsed;
        var client = new CountingClient();
        var scheduler = new MonitorScheduler(
            store,
            new AuditStarter(new BlobAuditStore(blobs, clock), Options.Create(new MeridianOptions()), clock, NullLogger<AuditStarter>.Instance),
            clock,
            NullLogger<MonitorScheduler>.Instance);
        GC.Collect();
        using var self = Process.GetCurrentProcess();
        using var storage = Process.GetProcessById(azurite.ProcessId);
        var cpuBefore = (Self: self.TotalProcessorTime, Storage: storage.TotalProcessorTime);
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var tickClock = Stopwatch.StartNew();
        var tick = await scheduler.TickAsync(client, cancellation);
        var tickWall = tickClock.Elapsed;
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        self.Refresh();
        storage.Refresh();

        Console.WriteLine($"one tick over {count:N0} stored monitors ({MonitorScheduler.Parallelism} due monitors at a time, Azurite in memory on the same 2 cores)");
        Console.WriteLine($"    due in this minute                   : {due:N0} ({tick.Started:N0} started, {tick.AlreadyStarted} already started, {tick.Stale} stale, {tick.Failed} failed)");
        Console.WriteLine($"    finding the due set (goal <= 1 s)    : {findWall.TotalMilliseconds,8:F0} ms (one listing of the due index; no definition read)");
        Console.WriteLine($"    the whole tick                       : {tickWall.TotalMilliseconds,8:F0} ms ({tickWall.TotalMilliseconds / Math.Max(1, tick.Started):F1} ms per started audit: read, claim, audit document, start, marker)");
        Console.WriteLine($"    CPU of the tick                      : {(self.TotalProcessorTime - cpuBefore.Self).TotalMilliseconds,8:F0} ms in the scheduler's process, {(storage.TotalProcessorTime - cpuBefore.Storage).TotalMilliseconds:F0} ms in Azurite (the rest of the wall is waiting on it)");
        Console.WriteLine($"    memory allocated by the tick         : {allocated / (1024.0 * 1024.0),8:F1} MB; process peak working set {self.PeakWorkingSet64 / (1024.0 * 1024.0):F0} MB");

        // A quiet minute: the next tick finds nothing due and reads nothing else.
        clock.Advance(TimeSpan.FromSeconds(10));
        var quiet = Stopwatch.StartNew();
        var again = await scheduler.TickAsync(client, cancellation);
        Console.WriteLine($"    the same minute ticked again         : {quiet.Elapsed.TotalMilliseconds,8:F0} ms, {again.Started} started");
        return 0;
    }

    /// <summary>Accepts every start: Durable's own cost is not the scheduler's.</summary>
    private sealed class CountingClient() : DurableTaskClient("counting")
    {
        private int started;

        public int Started => started;

        public override Task<string> ScheduleNewOrchestrationInstanceAsync(
            TaskName orchestratorName, object? input = null, StartOrchestrationOptions? options = null, CancellationToken cancellation = default)
        {
            Interlocked.Increment(ref started);
            return Task.FromResult(options?.InstanceId ?? Guid.NewGuid().ToString("N"));
        }

        public override Task<OrchestrationMetadata?> GetInstancesAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) =>
            Task.FromResult<OrchestrationMetadata?>(null);

        public override Task RaiseEventAsync(string instanceId, string eventName, object? eventPayload = null, CancellationToken cancellation = default) =>
            throw new NotSupportedException();

        public override Task<OrchestrationMetadata> WaitForInstanceCompletionAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) =>
            throw new NotSupportedException();

        public override Task<OrchestrationMetadata> WaitForInstanceStartAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) =>
            throw new NotSupportedException();

        public override Task SuspendInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default) =>
            throw new NotSupportedException();

        public override Task ResumeInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default) =>
            throw new NotSupportedException();

        public override AsyncPageable<OrchestrationMetadata> GetAllInstancesAsync(OrchestrationQuery? filter = null) => throw new NotSupportedException();

        public override ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}

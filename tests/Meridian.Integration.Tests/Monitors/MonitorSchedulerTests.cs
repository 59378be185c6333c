using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using Azure.Storage.Blobs;
using DurableTask.AzureStorage;
using Meridian.Core.Audits;
using Meridian.Core.Audits.Orchestration;
using Meridian.Core.Audits.Storage;
using Meridian.Core.Configuration;
using Meridian.Core.Ids;
using Meridian.Core.Monitors;
using Meridian.Core.Monitors.Storage;
using Meridian.Core.Storage;
using Meridian.Integration.Tests.Monitors.Api;
using Meridian.Local.TaskHub;
using Meridian.Testing.Monitors;
using Meridian.Testing.Storage;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Meridian.Integration.Tests.Monitors;

/// <summary>
/// The scheduler on a fake clock against the real monitor and audit stores and the real Durable
/// task hub, all on Azurite: its client (<see cref="RecordingClient"/>) refuses a second start of a
/// running instance id because the Azure Storage backend does.
/// </summary>
[SuppressMessage("Design", "CA1001:Types that own disposable fields should be disposable", Justification = "xunit disposes it through IAsyncLifetime.DisposeAsync.")]
public sealed class MonitorSchedulerTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    // The tests share one Azurite: each starts a month before the previous one, so the markers earlier
    // tests left behind are never due in a later test's ticks.
    private static int testCount;
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2040, 1, 1, 0, 0, 0, TimeSpan.Zero).AddDays(-30 * Interlocked.Increment(ref testCount)));
    private AzureStorageOrchestrationService? taskHub;
    private RecordingClient client = null!;

    public async Task InitializeAsync()
    {
        await MeridianBlobContainers.EnsureCreatedAsync(azurite.Server.CreateBlobServiceClient());
        taskHub = LocalTaskHub.Create(azurite.Server.ConnectionString, $"Sched{Guid.NewGuid():N}"[..21], NullLoggerFactory.Instance);
        await taskHub.CreateIfNotExistsAsync();
        client = new RecordingClient(new TaskHubDurableTaskClient("engine", taskHub, NullLoggerFactory.Instance));
    }

    public async Task DisposeAsync()
    {
        await client.DisposeAsync();
        if (taskHub is not null)
        {
            await taskHub.DeleteAsync();
        }
    }

    [Fact]
    public async Task A_monitor_is_started_at_its_slot_and_not_before_under_the_slots_audit_id()
    {
        var (store, scheduler) = Host();
        var monitor = await CreateAsync(store, SampleMonitors.Definition(intervalMinutes: 15));
        var slot = monitor.Schedule.NextDueAt!.Value;

        clock.SetUtcNow(slot.AddSeconds(-1));
        Assert.Equal(0, (await scheduler.TickAsync(client, CancellationToken.None)).Started);

        clock.SetUtcNow(slot.AddSeconds(2));
        var tick = await scheduler.TickAsync(client, CancellationToken.None);

        Assert.Equal(1, tick.Started);
        var start = Assert.Single(client.Starts);
        Assert.Equal(MonitorIds.AuditIdForSlot(monitor.MonitorId, slot), start.InstanceId);
        Assert.Equal(monitor.MonitorId, start.Input.MonitorId);
        Assert.Equal(monitor.Definition.Url, start.Input.Spec.Url);
        var stored = await store.GetAsync(monitor.MonitorId, CancellationToken.None);
        Assert.Equal(slot.AddMinutes(15), stored!.Schedule.NextDueAt);
        Assert.Equal(slot, stored.Schedule.LastSlotAt);
        Assert.Equal(monitor.MonitorId, (await AuditStore().GetAsync(start.InstanceId, CancellationToken.None))!.MonitorId);
    }

    [Fact]
    public async Task A_tick_that_fires_twice_starts_the_slot_once()
    {
        var (store, scheduler) = Host();
        var monitor = await CreateAsync(store, SampleMonitors.Definition(intervalMinutes: 5));
        clock.SetUtcNow(monitor.Schedule.NextDueAt!.Value);

        await scheduler.TickAsync(client, CancellationToken.None);
        clock.Advance(TimeSpan.FromSeconds(20));
        var second = await scheduler.TickAsync(client, CancellationToken.None);

        Assert.Single(client.Starts);
        Assert.Equal(0, second.Started);
    }

    [Fact]
    public async Task Two_hosts_ticking_at_once_start_each_slot_once()
    {
        var (storeA, schedulerA) = Host();
        var (_, schedulerB) = Host();
        var monitors = new List<MonitorDocument>();
        for (var i = 0; i < 12; i++)
        {
            monitors.Add(await CreateAsync(storeA, SampleMonitors.Definition(intervalMinutes: 5)));
        }

        clock.SetUtcNow(monitors.Max(monitor => monitor.Schedule.NextDueAt!.Value));
        var ticks = await Task.WhenAll(schedulerA.TickAsync(client, CancellationToken.None), schedulerB.TickAsync(client, CancellationToken.None));

        Assert.Equal(12, client.Starts.Count);
        Assert.Equal(12, client.Starts.Select(start => start.InstanceId).Distinct().Count());
        Assert.Equal(12, ticks.Sum(tick => tick.Started));
    }

    [Fact]
    public async Task After_downtime_a_monitor_catches_up_with_one_audit_and_its_next_slot_is_after_now()
    {
        var (store, scheduler) = Host();
        var monitor = await CreateAsync(store, SampleMonitors.Definition(intervalMinutes: 15));
        var slot = monitor.Schedule.NextDueAt!.Value;

        clock.SetUtcNow(slot.AddHours(3).AddMinutes(1));
        await scheduler.TickAsync(client, CancellationToken.None);
        await scheduler.TickAsync(client, CancellationToken.None);

        Assert.Single(client.Starts);
        var next = (await store.GetAsync(monitor.MonitorId, CancellationToken.None))!.Schedule.NextDueAt!.Value;
        Assert.InRange(next, clock.GetUtcNow(), clock.GetUtcNow().AddMinutes(15));
    }

    [Fact]
    public async Task A_disabled_monitor_is_never_started()
    {
        var (store, scheduler) = Host();
        var monitor = await CreateAsync(store, SampleMonitors.Definition(intervalMinutes: 5));
        await store.UpdateAsync(
            monitor.MonitorId,
            current => current with { Definition = current.Definition with { Enabled = false } },
            CancellationToken.None);

        clock.SetUtcNow(monitor.Schedule.NextDueAt!.Value.AddMinutes(1));
        var tick = await scheduler.TickAsync(client, CancellationToken.None);

        Assert.Empty(client.Starts);
        Assert.Equal(1, tick.Stale);
    }

    [Fact]
    public async Task A_deleted_monitors_marker_is_dropped_and_nothing_starts()
    {
        var (store, scheduler) = Host();
        var monitor = await CreateAsync(store, SampleMonitors.Definition(intervalMinutes: 5));
        await store.DeleteAsync(monitor.MonitorId, CancellationToken.None);

        clock.SetUtcNow(monitor.Schedule.NextDueAt!.Value);
        var first = await scheduler.TickAsync(client, CancellationToken.None);
        var second = await scheduler.TickAsync(client, CancellationToken.None);

        Assert.Empty(client.Starts);
        Assert.Equal(1, first.Stale);
        Assert.Equal(0, second.Stale);
    }

    [Fact]
    public async Task A_rescheduled_monitor_runs_at_its_new_time_only()
    {
        var (store, scheduler) = Host();
        var monitor = await CreateAsync(store, SampleMonitors.Definition(intervalMinutes: 5));
        var oldSlot = monitor.Schedule.NextDueAt!.Value;
        var newSlot = oldSlot.AddMinutes(3);
        await store.UpdateAsync(monitor.MonitorId, current => current with { Schedule = current.Schedule with { NextDueAt = newSlot } }, CancellationToken.None);

        clock.SetUtcNow(oldSlot);
        await scheduler.TickAsync(client, CancellationToken.None);
        Assert.Empty(client.Starts);

        clock.SetUtcNow(newSlot);
        await scheduler.TickAsync(client, CancellationToken.None);
        Assert.Equal(MonitorIds.AuditIdForSlot(monitor.MonitorId, newSlot), Assert.Single(client.Starts).InstanceId);
    }

    [Fact]
    public async Task A_cron_monitor_starts_at_its_utc_time()
    {
        var (store, scheduler) = Host();
        var monitor = await CreateAsync(store, SampleMonitors.Definition(intervalMinutes: null, cron: "30 6 * * *"));
        var slot = monitor.Schedule.NextDueAt!.Value;
        Assert.Equal((6, 30), (slot.Hour, slot.Minute));

        clock.SetUtcNow(slot.AddSeconds(5));
        await scheduler.TickAsync(client, CancellationToken.None);

        Assert.Single(client.Starts);
        Assert.Equal(slot.AddDays(1), (await store.GetAsync(monitor.MonitorId, CancellationToken.None))!.Schedule.NextDueAt);
    }

    [Fact]
    public async Task A_start_that_fails_is_recorded_and_tried_again_next_tick_under_the_same_audit_id()
    {
        var (store, scheduler, monitor, slot) = await AtItsFirstSlotAsync();
        client.FailNextStarts = 1;

        var failed = await scheduler.TickAsync(client, CancellationToken.None);
        var afterFailure = (await store.GetAsync(monitor.MonitorId, CancellationToken.None))!.Schedule;
        clock.Advance(TimeSpan.FromMinutes(1));
        var retried = await scheduler.TickAsync(client, CancellationToken.None);

        Assert.Equal(1, failed.Failed);
        Assert.Equal(slot, afterFailure.NextDueAt);
        Assert.NotNull(afterFailure.LastError);
        Assert.Equal(1, retried.Started);
        Assert.Equal(MonitorIds.AuditIdForSlot(monitor.MonitorId, slot), Assert.Single(client.Starts).InstanceId);
        Assert.Null((await store.GetAsync(monitor.MonitorId, CancellationToken.None))!.Schedule.LastError);
    }

    [Fact]
    public async Task A_start_that_times_out_after_the_task_hub_took_it_counts_as_started_and_keeps_its_document()
    {
        var (store, scheduler, monitor, slot) = await AtItsFirstSlotAsync();
        client.TimeOutAfterNextStart = true;

        var tick = await scheduler.TickAsync(client, CancellationToken.None);
        clock.Advance(TimeSpan.FromMinutes(1));
        await scheduler.TickAsync(client, CancellationToken.None);

        Assert.Equal((0, 1), (tick.Failed, tick.AlreadyStarted));
        var auditId = Assert.Single(client.Starts).InstanceId;
        Assert.NotNull(await AuditStore().GetAsync(auditId, CancellationToken.None));
        Assert.Equal(slot.AddMinutes(15), (await store.GetAsync(monitor.MonitorId, CancellationToken.None))!.Schedule.NextDueAt);
    }

    [Fact]
    public async Task A_slot_claimed_moments_ago_by_another_tick_is_left_to_it_and_taken_over_a_minute_later()
    {
        var (store, scheduler, monitor, slot) = await AtItsFirstSlotAsync();
        var auditId = MonitorIds.AuditIdForSlot(monitor.MonitorId, slot);

        // Another host's tick has just claimed the slot and is about to start it.
        await store.UpdateAsync(
            monitor.MonitorId,
            current => current with { Schedule = new MonitorScheduleState(slot.AddMinutes(15), slot, auditId, ClaimedAt: slot) },
            CancellationToken.None);
        clock.Advance(TimeSpan.FromSeconds(10));
        var racing = await scheduler.TickAsync(client, CancellationToken.None);

        // That host died before its start: the next minute's tick starts the slot.
        clock.Advance(TimeSpan.FromMinutes(1));
        var later = await scheduler.TickAsync(client, CancellationToken.None);

        Assert.Equal((0, 1), (racing.Started, racing.AlreadyStarted));
        Assert.Equal(1, later.Started);
        Assert.Equal(auditId, Assert.Single(client.Starts).InstanceId);
    }

    [Fact]
    public async Task A_slot_claimed_by_a_tick_that_stopped_before_starting_it_is_started_by_the_next()
    {
        var (store, scheduler, monitor, slot) = await AtItsFirstSlotAsync();

        // What a tick leaves when its process dies between the claim and the start: the monitor moved on, the marker still there.
        await store.UpdateAsync(
            monitor.MonitorId,
            current => current with { Schedule = new MonitorScheduleState(slot.AddMinutes(15), slot, MonitorIds.AuditIdForSlot(monitor.MonitorId, slot)) },
            CancellationToken.None);
        var tick = await scheduler.TickAsync(client, CancellationToken.None);

        Assert.Equal(1, tick.Started);
        Assert.Equal(MonitorIds.AuditIdForSlot(monitor.MonitorId, slot), Assert.Single(client.Starts).InstanceId);
    }

    private async Task<MonitorDocument> CreateAsync(BlobMonitorStore store, MonitorDefinition definition)
    {
        var monitor = SampleMonitors.NewAt(MonitorIds.New(clock), definition, clock.GetUtcNow());
        Assert.True(await store.CreateAsync(monitor, CancellationToken.None));
        return monitor;
    }

    /// <summary>A scheduler over a store holding one 15-minute monitor, the clock at that monitor's first slot.</summary>
    private async Task<(BlobMonitorStore Store, MonitorScheduler Scheduler, MonitorDocument Monitor, DateTimeOffset Slot)> AtItsFirstSlotAsync()
    {
        var (store, scheduler) = Host();
        var monitor = await CreateAsync(store, SampleMonitors.Definition(intervalMinutes: 15));
        var slot = monitor.Schedule.NextDueAt!.Value;
        clock.SetUtcNow(slot);
        return (store, scheduler, monitor, slot);
    }

    private (BlobMonitorStore Store, MonitorScheduler Scheduler) Host()
    {
        var store = MonitorStore();
        var starter = new AuditStarter(AuditStore(), Options.Create(new MeridianOptions()), clock, NullLogger<AuditStarter>.Instance);
        return (store, new MonitorScheduler(store, starter, clock, NullLogger<MonitorScheduler>.Instance));
    }

    private BlobAuditStore AuditStore() => new(azurite.Server.CreateBlobServiceClient(), clock);

    private BlobMonitorStore MonitorStore() => new BlobMonitorStore(azurite.Server.CreateBlobServiceClient());

    /// <summary>
    /// The local engine's real client on a task hub of this test class's own (so a second start of a
    /// running instance id is refused by the Azure Storage backend itself), recording the starts it
    /// made and failing on demand. No worker runs: a started audit stays pending, which is running
    /// enough for the scheduler.
    /// </summary>
    private sealed class RecordingClient(DurableTaskClient engine) : DurableTaskClient("recording")
    {
        private readonly ConcurrentQueue<(string InstanceId, AuditOrchestrationInput Input)> starts = new();

        public IReadOnlyList<(string InstanceId, AuditOrchestrationInput Input)> Starts => [.. starts];

        public int FailNextStarts { get; set; }

        /// <summary>The next start is made, then the call fails as a timeout would.</summary>
        public bool TimeOutAfterNextStart { get; set; }

        public override async Task<string> ScheduleNewOrchestrationInstanceAsync(
            TaskName orchestratorName, object? input = null, StartOrchestrationOptions? options = null, CancellationToken cancellation = default)
        {
            if (FailNextStarts > 0)
            {
                FailNextStarts--;
                throw new HttpRequestException("The task hub is unavailable.");
            }

            var instanceId = await engine.ScheduleNewOrchestrationInstanceAsync(orchestratorName, input, options, cancellation);
            starts.Enqueue((instanceId, (AuditOrchestrationInput)input!));
            if (TimeOutAfterNextStart)
            {
                TimeOutAfterNextStart = false;
                throw new TaskCanceledException("The start call timed out.");
            }

            return instanceId;
        }

        public override Task RaiseEventAsync(string instanceId, string eventName, object? eventPayload = null, CancellationToken cancellation = default) =>
            engine.RaiseEventAsync(instanceId, eventName, eventPayload, cancellation);

        public override Task<OrchestrationMetadata?> GetInstancesAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) =>
            engine.GetInstancesAsync(instanceId, getInputsAndOutputs, cancellation);

        public override Task<OrchestrationMetadata> WaitForInstanceCompletionAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) =>
            engine.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs, cancellation);

        public override Task<OrchestrationMetadata> WaitForInstanceStartAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) =>
            engine.WaitForInstanceStartAsync(instanceId, getInputsAndOutputs, cancellation);

        public override Task SuspendInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default) =>
            engine.SuspendInstanceAsync(instanceId, reason, cancellation);

        public override Task ResumeInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default) =>
            engine.ResumeInstanceAsync(instanceId, reason, cancellation);

        public override AsyncPageable<OrchestrationMetadata> GetAllInstancesAsync(OrchestrationQuery? filter = null) => engine.GetAllInstancesAsync(filter);

        public override ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}

using System.Text.Json;
using Azure.Core;
using Azure.Storage.Blobs;
using Meridian.Core.Monitors;
using Meridian.Core.Monitors.Alerts;
using Meridian.Core.Monitors.Storage;
using Meridian.Core.Serialization;
using Meridian.Core.Storage;
using Meridian.Integration.Tests.Monitors.Api;
using Meridian.Integration.Tests.Storage;
using Meridian.Testing.Monitors;
using Meridian.Testing.Storage;

namespace Meridian.Integration.Tests.Monitors.Storage;

/// <summary>Monitor documents against real Azurite. Each test starts from an empty monitors container.</summary>
public sealed class BlobMonitorStoreTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private static readonly DateTimeOffset Slot = SampleMonitors.Day.AddMinutes(15);

    private readonly BlobServiceClient blobs = azurite.Server.CreateBlobServiceClient();

    public async Task InitializeAsync()
    {
        await MeridianBlobContainers.EnsureCreatedAsync(blobs);
        await MonitorBlobs.ClearAsync(blobs);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private BlobMonitorStore Store(BlobServiceClient? client = null) => new(client ?? blobs);

    [Fact]
    public async Task A_created_monitor_is_read_back_unchanged_from_its_definition_blob()
    {
        var monitorId = SampleMonitors.IdAt(SampleMonitors.Day);
        var monitor = SampleMonitors.Document(monitorId, Slot, SampleMonitors.Definition(
            cron: "*/15 * * * *", intervalMinutes: null, thresholds: new AlertThresholds(new MetricLimits(MinPerformanceScore: 0.8)), webhookUrl: "https://hooks.example/m"));

        Assert.True(await Store().CreateAsync(monitor, CancellationToken.None));

        Assert.True(await Blob($"definitions/{monitorId}.json").ExistsAsync());
        Assert.Equal(Json(monitor), Json(await Store().GetAsync(monitorId, CancellationToken.None)));
    }

    [Fact]
    public async Task Creating_writes_the_due_marker_of_the_next_slot_before_the_document()
    {
        var monitorId = SampleMonitors.IdAt(SampleMonitors.Day);
        var markerAtWrite = false;
        var hook = new RequestHook(
            request => request.Method == RequestMethod.Put && request.Uri.Path.Contains("/definitions/", StringComparison.Ordinal),
            async _ => markerAtWrite = await Blob(MarkerName(monitorId, Slot)).ExistsAsync());

        await Store(Hooked(hook)).CreateAsync(SampleMonitors.Document(monitorId, Slot), CancellationToken.None);

        Assert.True(markerAtWrite);
        Assert.Equal([MarkerName(monitorId, Slot)], await MonitorBlobs.NamesAsync(blobs, "due/"));
    }

    [Fact]
    public async Task A_disabled_monitor_gets_no_marker()
    {
        var monitorId = SampleMonitors.IdAt(SampleMonitors.Day);

        await Store().CreateAsync(SampleMonitors.Document(monitorId, nextDueAt: null), CancellationToken.None);

        Assert.Empty(await MonitorBlobs.NamesAsync(blobs, "due/"));
    }

    [Fact]
    public async Task Creating_an_existing_monitor_again_is_refused_and_changes_nothing()
    {
        var monitorId = SampleMonitors.IdAt(SampleMonitors.Day);
        var first = SampleMonitors.Document(monitorId, Slot);
        await Store().CreateAsync(first, CancellationToken.None);

        var created = await Store().CreateAsync(first with { Revision = 9 }, CancellationToken.None);

        Assert.False(created);
        Assert.Equal(Json(first), Json(await Store().GetAsync(monitorId, CancellationToken.None)));
    }

    [Fact]
    public async Task A_due_time_that_is_not_a_whole_minute_is_refused_before_anything_is_written()
    {
        var monitorId = SampleMonitors.IdAt(SampleMonitors.Day);

        await Assert.ThrowsAsync<ArgumentException>(() => Store().CreateAsync(SampleMonitors.Document(monitorId, Slot.AddSeconds(30)), CancellationToken.None));

        Assert.Empty(await MonitorBlobs.NamesAsync(blobs, ""));
    }

    [Theory]
    [InlineData("mon-1")]
    [InlineData("../audits/x")]
    [InlineData("MON-0190A1B2C3D47000A000000000000000")]
    [InlineData("")]
    public async Task A_malformed_id_is_unknown_everywhere_without_asking_storage(string monitorId)
    {
        // Nothing listens on port 1: any request would throw.
        var store = Store(new BlobServiceClient(new Uri("http://127.0.0.1:1/devstoreaccount1"), new BlobClientOptions { Retry = { MaxRetries = 0 } }));

        Assert.Null(await store.GetAsync(monitorId, CancellationToken.None));
        Assert.Null(await store.UpdateAsync(monitorId, monitor => monitor, CancellationToken.None));
        Assert.False(await store.DeleteAsync(monitorId, CancellationToken.None));
        Assert.Equal(MonitorDeletion.NotFound, await store.DeleteIfAsync(monitorId, _ => true, CancellationToken.None));
    }

    [Fact]
    public async Task An_unknown_monitor_is_null_and_updating_it_writes_nothing()
    {
        var monitorId = SampleMonitors.IdAt(SampleMonitors.Day);

        Assert.Null(await Store().GetAsync(monitorId, CancellationToken.None));
        Assert.Null(await Store().UpdateAsync(monitorId, monitor => monitor with { Revision = 2 }, CancellationToken.None));
        Assert.Empty(await MonitorBlobs.NamesAsync(blobs, ""));
    }

    [Fact]
    public async Task An_update_that_moves_the_due_time_writes_the_new_marker_before_the_document_and_keeps_the_old_one()
    {
        var monitorId = SampleMonitors.IdAt(SampleMonitors.Day);
        await Store().CreateAsync(SampleMonitors.Document(monitorId, Slot), CancellationToken.None);
        var next = Slot.AddMinutes(15);
        var markerAtWrite = false;
        var hook = new RequestHook(
            request => RequestHook.IsConditionalPut(request, BlobLayout.MonitorsContainer),
            async _ => markerAtWrite = await Blob(MarkerName(monitorId, next)).ExistsAsync());

        var updated = await Store(Hooked(hook)).UpdateAsync(
            monitorId, monitor => monitor with { Schedule = new MonitorScheduleState(next, Slot, "a1") }, CancellationToken.None);

        Assert.True(markerAtWrite);
        Assert.Equal(next, updated!.Schedule.NextDueAt);
        Assert.Equal([MarkerName(monitorId, Slot), MarkerName(monitorId, next)], await MonitorBlobs.NamesAsync(blobs, "due/"));
    }

    [Fact]
    public async Task A_change_that_returns_null_writes_nothing_and_returns_what_is_stored()
    {
        var monitorId = SampleMonitors.IdAt(SampleMonitors.Day);
        var monitor = SampleMonitors.Document(monitorId, Slot);
        await Store().CreateAsync(monitor, CancellationToken.None);
        var etag = (await Blob(BlobLayout.MonitorBlob(monitorId)).GetPropertiesAsync()).Value.ETag;

        var stored = await Store().UpdateAsync(monitorId, _ => null, CancellationToken.None);

        Assert.Equal(Json(monitor), Json(stored));
        Assert.Equal(etag, (await Blob(BlobLayout.MonitorBlob(monitorId)).GetPropertiesAsync()).Value.ETag);
    }

    [Fact]
    public async Task A_write_between_the_updates_read_and_its_write_is_seen_and_the_change_applied_to_the_new_document()
    {
        var monitorId = SampleMonitors.IdAt(SampleMonitors.Day);
        var monitor = SampleMonitors.Document(monitorId, Slot);
        await Store().CreateAsync(monitor, CancellationToken.None);
        var writes = 0;
        var hook = new RequestHook(
            request => RequestHook.IsConditionalPut(request, BlobLayout.MonitorsContainer),
            async _ =>
            {
                // Once: the scheduler records a slot after the store read the document.
                if (writes++ == 0)
                {
                    await Overwrite(monitor with { Schedule = monitor.Schedule with { LastAuditId = "audit-late" } });
                }
            });
        var applied = new List<string?>();

        var updated = await Store(Hooked(hook)).UpdateAsync(
            monitorId,
            current =>
            {
                applied.Add(current.Schedule.LastAuditId);
                return current with { Revision = current.Revision + 1 };
            },
            CancellationToken.None);

        Assert.Equal([null, "audit-late"], applied);
        var stored = await Store().GetAsync(monitorId, CancellationToken.None);
        Assert.Equal((2, "audit-late"), (stored!.Revision, stored.Schedule.LastAuditId));
        Assert.Equal(Json(stored), Json(updated));
    }

    [Fact]
    public async Task A_monitor_that_changes_under_every_attempt_fails_the_update_without_overwriting_it()
    {
        var monitorId = SampleMonitors.IdAt(SampleMonitors.Day);
        var monitor = SampleMonitors.Document(monitorId, Slot);
        await Store().CreateAsync(monitor, CancellationToken.None);
        var hook = new RequestHook(
            request => RequestHook.IsConditionalPut(request, BlobLayout.MonitorsContainer),
            _ => Overwrite(monitor with { Schedule = monitor.Schedule with { LastAuditId = "busy" } }));

        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            Store(Hooked(hook)).UpdateAsync(monitorId, current => current with { Revision = 7 }, CancellationToken.None));

        Assert.Equal(BlobMonitorStore.MaxUpdateAttempts, hook.Matched);
        Assert.Equal(1, (await Store().GetAsync(monitorId, CancellationToken.None))!.Revision);
    }

    [Fact]
    public async Task A_deleted_monitor_is_gone_its_markers_stay_and_deleting_it_again_is_false()
    {
        var monitorId = SampleMonitors.IdAt(SampleMonitors.Day);
        await Store().CreateAsync(SampleMonitors.Document(monitorId, Slot), CancellationToken.None);

        Assert.True(await Store().DeleteAsync(monitorId, CancellationToken.None));
        Assert.False(await Store().DeleteAsync(monitorId, CancellationToken.None));

        Assert.Null(await Store().GetAsync(monitorId, CancellationToken.None));
        Assert.Equal([MarkerName(monitorId, Slot)], await MonitorBlobs.NamesAsync(blobs, ""));
    }

    [Fact]
    public async Task A_conditional_delete_deletes_only_when_the_condition_holds()
    {
        var monitorId = SampleMonitors.IdAt(SampleMonitors.Day);
        await Store().CreateAsync(SampleMonitors.Document(monitorId, Slot, revision: 3), CancellationToken.None);

        Assert.Equal(MonitorDeletion.ConditionFailed, await Store().DeleteIfAsync(monitorId, m => m.Revision == 2, CancellationToken.None));
        Assert.NotNull(await Store().GetAsync(monitorId, CancellationToken.None));
        Assert.Equal(MonitorDeletion.Deleted, await Store().DeleteIfAsync(monitorId, m => m.Revision == 3, CancellationToken.None));
        Assert.Equal(MonitorDeletion.NotFound, await Store().DeleteIfAsync(monitorId, _ => true, CancellationToken.None));
    }

    [Fact]
    public async Task A_change_between_the_conditional_deletes_check_and_its_delete_is_checked_again()
    {
        var monitorId = SampleMonitors.IdAt(SampleMonitors.Day);
        var monitor = SampleMonitors.Document(monitorId, Slot);
        await Store().CreateAsync(monitor, CancellationToken.None);
        var hook = new RequestHook(
            request => request.Method == RequestMethod.Delete && request.Uri.Path.Contains("/definitions/", StringComparison.Ordinal),
            async _ =>
            {
                // A PUT lands between the check and the delete.
                if ((await Store().GetAsync(monitorId, CancellationToken.None))!.Revision == 1)
                {
                    await Overwrite(monitor with { Revision = 2 });
                }
            });

        var outcome = await Store(Hooked(hook)).DeleteIfAsync(monitorId, m => m.Revision == 1, CancellationToken.None);

        Assert.Equal(MonitorDeletion.ConditionFailed, outcome);
        Assert.Equal(2, (await Store().GetAsync(monitorId, CancellationToken.None))!.Revision);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(100)]
    public async Task Pages_list_every_monitor_once_in_id_order_and_nothing_else(int pageSize)
    {
        var ids = Enumerable.Range(0, 5).Select(i => SampleMonitors.IdAt(SampleMonitors.Day.AddMinutes(i))).ToList();
        foreach (var id in ids.AsEnumerable().Reverse())
        {
            await Store().CreateAsync(SampleMonitors.Document(id, Slot), CancellationToken.None);
        }

        var listed = new List<string>();
        string? token = null;
        var pages = 0;
        do
        {
            var page = await Store().ListAsync(token, pageSize, CancellationToken.None);
            Assert.InRange(page.Items.Count, 0, pageSize);
            listed.AddRange(page.Items.Select(item => item.MonitorId));
            token = page.ContinuationToken;
            pages++;
        }
        while (token is not null && pages < 20);

        Assert.Equal(ids, listed);
    }

    [Fact]
    public async Task An_empty_store_lists_one_empty_last_page()
    {
        var page = await Store().ListAsync(null, 10, CancellationToken.None);

        Assert.Equal((0, null), (page.Items.Count, page.ContinuationToken));
    }

    private BlobClient Blob(string name) => blobs.GetBlobContainerClient(BlobLayout.MonitorsContainer).GetBlobClient(name);

    private static string MarkerName(string monitorId, DateTimeOffset dueAt) => BlobLayout.DueMarkerBlob(new DueMarker(monitorId, dueAt));

    private BlobServiceClient Hooked(RequestHook hook)
    {
        var options = new BlobClientOptions();
        options.AddPolicy(hook, HttpPipelinePosition.PerCall);
        return azurite.Server.CreateBlobServiceClient(options);
    }

    private async Task Overwrite(MonitorDocument monitor) =>
        await Blob(BlobLayout.MonitorBlob(monitor.MonitorId)).UploadAsync(BinaryData.FromObjectAsJson(monitor, MeridianJson.Options), overwrite: true);

    private static string Json(MonitorDocument? monitor) => JsonSerializer.Serialize(monitor, MeridianJson.Options);
}

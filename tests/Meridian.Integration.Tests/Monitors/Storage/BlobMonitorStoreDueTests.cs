using Azure.Core;
using Azure.Storage.Blobs;
using Meridian.Core.Monitors.Storage;
using Meridian.Core.Storage;
using Meridian.Integration.Tests.Monitors.Api;
using Meridian.Integration.Tests.Storage;
using Meridian.Testing.Monitors;
using Meridian.Testing.Storage;

namespace Meridian.Integration.Tests.Monitors.Storage;

/// <summary>The due index against real Azurite: only due markers, oldest first, and the listing stops at the first later one.</summary>
public sealed class BlobMonitorStoreDueTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 30, TimeSpan.Zero);

    private readonly BlobServiceClient blobs = azurite.Server.CreateBlobServiceClient();

    public async Task InitializeAsync()
    {
        await MeridianBlobContainers.EnsureCreatedAsync(blobs);
        await MonitorBlobs.ClearAsync(blobs);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Only_markers_due_at_or_before_now_are_listed_oldest_first()
    {
        var markers = new[]
        {
            Marker(0, Now.AddMinutes(1).AddSeconds(-30)), // 12:01, not yet
            Marker(1, Now.AddSeconds(-30)),               // 12:00, due this minute
            Marker(2, Now.AddDays(-3).AddSeconds(-30)),   // missed three days ago
            Marker(3, Now.AddMinutes(-7).AddSeconds(-30)),
        };
        await WriteAsync(markers);

        var due = await new BlobMonitorStore(blobs).ListDueAsync(Now, CancellationToken.None).Select(marker => marker with { Version = null }).ToListAsync();

        Assert.Equal([markers[2], markers[3], markers[1]], due);
    }

    [Fact]
    public async Task With_thousands_of_later_markers_the_listing_returns_the_due_ones_in_one_request_and_reads_no_definition()
    {
        var due = Enumerable.Range(0, 3).Select(i => Marker(i, Now.AddMinutes(-10 + i).AddSeconds(-30))).ToList();
        var later = Enumerable.Range(3, 2_000).Select(i => Marker(i, Now.AddMinutes(1 + (i % 500)).AddSeconds(-30))).ToList();
        await WriteAsync([.. due, .. later]);
        var listings = new RequestHook(IsListing, _ => Task.CompletedTask);
        var reads = new RequestHook(request => RequestHook.IsDownload(request, BlobLayout.MonitorsContainer), _ => Task.CompletedTask);

        var listed = await new BlobMonitorStore(Hooked(listings, reads)).ListDueAsync(Now, CancellationToken.None).Select(marker => marker with { Version = null }).ToListAsync();

        Assert.Equal(due, listed);
        Assert.Equal(1, listings.Matched);
        Assert.Equal(0, reads.Matched);
    }

    [Fact]
    public async Task More_due_markers_than_a_page_are_all_listed_across_pages()
    {
        var count = BlobMonitorStore.DueListPageSize + 30;
        var due = Enumerable.Range(0, count).Select(i => Marker(i, Now.AddMinutes(-count + i).AddSeconds(-30))).ToList();
        await WriteAsync([.. due, Marker(count, Now.AddHours(1).AddSeconds(-30))]);
        var listings = new RequestHook(IsListing, _ => Task.CompletedTask);

        var listed = await new BlobMonitorStore(Hooked(listings)).ListDueAsync(Now, CancellationToken.None).Select(marker => marker with { Version = null }).ToListAsync();

        Assert.Equal(due, listed);
        Assert.Equal(2, listings.Matched);
    }

    [Fact]
    public async Task Definitions_and_names_that_are_not_markers_are_not_listed()
    {
        var monitorId = SampleMonitors.IdAt(SampleMonitors.Day);
        var marker = new DueMarker(monitorId, Now.AddMinutes(-5).AddSeconds(-30));
        await new BlobMonitorStore(blobs).CreateAsync(SampleMonitors.Document(monitorId, marker.DueAt), CancellationToken.None);
        var container = blobs.GetBlobContainerClient(BlobLayout.MonitorsContainer);
        await container.UploadBlobAsync("due/20261123/not-a-monitor", BinaryData.Empty);
        await container.UploadBlobAsync("due/not-a-time/" + monitorId, BinaryData.Empty);

        var listed = await new BlobMonitorStore(blobs).ListDueAsync(Now, CancellationToken.None).Select(marker => marker with { Version = null }).ToListAsync();

        Assert.Equal([marker], listed);
    }

    [Fact]
    public async Task A_handled_marker_is_deleted_and_deleting_it_again_is_fine()
    {
        var marker = Marker(0, Now.AddSeconds(-30));
        await WriteAsync([marker]);
        var store = new BlobMonitorStore(blobs);

        await store.DeleteDueMarkerAsync(marker, CancellationToken.None);
        await store.DeleteDueMarkerAsync(marker, CancellationToken.None);

        Assert.Empty(await store.ListDueAsync(Now, CancellationToken.None).ToListAsync());
    }

    [Fact]
    public async Task A_marker_written_again_after_it_was_listed_survives_the_delete_of_the_listed_version()
    {
        // A tick lists the marker, a racing PUT writes it again, then the tick (having read the old document) drops "its" marker.
        var marker = Marker(7, Now.AddSeconds(-30).AddMinutes(-3));
        await WriteAsync([marker]);
        var store = new BlobMonitorStore(blobs);
        var listed = await store.ListDueAsync(Now, CancellationToken.None).FirstAsync(found => found.MonitorId == marker.MonitorId);
        await blobs.GetBlobContainerClient(BlobLayout.MonitorsContainer).GetBlobClient(BlobLayout.DueMarkerBlob(marker)).UploadAsync(BinaryData.Empty, overwrite: true);

        await store.DeleteDueMarkerAsync(listed, CancellationToken.None);

        Assert.NotNull(listed.Version);
        Assert.Contains(marker.MonitorId, await store.ListDueAsync(Now, CancellationToken.None).Select(found => found.MonitorId).ToListAsync());
    }

    private static DueMarker Marker(int monitor, DateTimeOffset dueAt) =>
        new(SampleMonitors.IdAt(SampleMonitors.Day.AddMilliseconds(monitor)), dueAt);

    private async Task WriteAsync(IEnumerable<DueMarker> markers)
    {
        var container = blobs.GetBlobContainerClient(BlobLayout.MonitorsContainer);
        await Parallel.ForEachAsync(markers, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (marker, token) =>
            await container.GetBlobClient(BlobLayout.DueMarkerBlob(marker)).UploadAsync(BinaryData.Empty, token));
    }

    private static bool IsListing(Request request) =>
        request.Method == RequestMethod.Get && request.Uri.Query.Contains("comp=list", StringComparison.Ordinal);

    private BlobServiceClient Hooked(params RequestHook[] hooks)
    {
        var options = new BlobClientOptions();
        foreach (var hook in hooks)
        {
            options.AddPolicy(hook, HttpPipelinePosition.PerCall);
        }

        return azurite.Server.CreateBlobServiceClient(options);
    }
}

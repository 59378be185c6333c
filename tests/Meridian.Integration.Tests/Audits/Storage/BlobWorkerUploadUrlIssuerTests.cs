using Azure;
using Azure.Storage.Blobs;
using Meridian.Contract.Jobs;
using Meridian.Core.Audits.Storage;
using Meridian.Core.Storage;
using Meridian.Integration.Tests.Monitors.Api;
using Meridian.Testing.Storage;

namespace Meridian.Integration.Tests.Audits.Storage;

/// <summary>The worker's upload URLs against real Azurite: each writes its one blob and can do nothing else.</summary>
public sealed class BlobWorkerUploadUrlIssuerTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private readonly BlobServiceClient blobs = azurite.Server.CreateBlobServiceClient();

    public async Task InitializeAsync()
    {
        await blobs.GetBlobContainerClient(BlobLayout.ReportsContainer).CreateIfNotExistsAsync();
        await blobs.GetBlobContainerClient(BlobLayout.DeliveriesContainer).CreateIfNotExistsAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Urls_point_at_the_layouts_blobs_for_the_audit_and_region()
    {
        var urls = await Issue("audit-1", "syd");

        Assert.Equal("audit-1/syd.json.gz", new BlobUriBuilder(urls.Report).BlobName);
        Assert.Equal(BlobLayout.ReportsContainer, new BlobUriBuilder(urls.Report).BlobContainerName);
        Assert.Equal("audit-1/syd/fallback.json", new BlobUriBuilder(urls.Fallback).BlobName);
        Assert.Equal(BlobLayout.DeliveriesContainer, new BlobUriBuilder(urls.Fallback).BlobContainerName);
    }

    [Fact]
    public async Task Each_url_can_write_its_blob_but_not_read_it()
    {
        var urls = await Issue("audit-2", "iad");

        foreach (var url in new[] { urls.Report, urls.Fallback })
        {
            var worker = new BlobClient(url);
            await worker.UploadAsync(BinaryData.FromString("written by the worker"));
            await worker.UploadAsync(BinaryData.FromString("written again"), overwrite: true);

            var read = await Assert.ThrowsAsync<RequestFailedException>(() => worker.DownloadContentAsync());
            Assert.Equal(403, read.Status);
            Assert.Equal("written again", (await App(url).DownloadContentAsync()).Value.Content.ToString());
        }
    }

    [Theory]
    [InlineData("audit-3/lhr.json.gz")]
    [InlineData("audit-4/iad.json.gz")]
    [InlineData("audit-3/iad.json.gz.bak")]
    public async Task A_url_cannot_write_any_other_blob(string otherBlob)
    {
        var urls = await Issue("audit-3", "iad");
        var forged = new BlobUriBuilder(urls.Report) { BlobName = otherBlob }.ToUri();

        var write = await Assert.ThrowsAsync<RequestFailedException>(() => new BlobClient(forged).UploadAsync(BinaryData.FromString("not mine")));

        Assert.Equal(403, write.Status);
        Assert.False(await App(forged).ExistsAsync());
    }

    [Fact]
    public async Task A_url_cannot_delete_or_list()
    {
        var urls = await Issue("audit-5", "iad");
        var worker = new BlobClient(urls.Report);
        await worker.UploadAsync(BinaryData.FromString("report"));

        Assert.Equal(403, (await Assert.ThrowsAsync<RequestFailedException>(() => worker.DeleteAsync())).Status);
        var container = new BlobContainerClient(new BlobUriBuilder(urls.Report) { BlobName = string.Empty }.ToUri());
        await Assert.ThrowsAsync<RequestFailedException>(async () => await container.GetBlobsAsync().ToListAsync());
    }

    [Fact]
    public async Task An_expired_url_is_refused()
    {
        var urls = await new BlobWorkerUploadUrlIssuer(blobs, TimeProvider.System).IssueAsync("audit-6", "iad", DateTimeOffset.UtcNow.AddSeconds(-30), CancellationToken.None);

        var write = await Assert.ThrowsAsync<RequestFailedException>(() => new BlobClient(urls.Report).UploadAsync(BinaryData.FromString("late")));

        Assert.Equal(403, write.Status);
    }

    private Task<Contract.Jobs.WorkerUploadUrls> Issue(string auditId, string region) =>
        new BlobWorkerUploadUrlIssuer(blobs, TimeProvider.System).IssueAsync(auditId, region, DateTimeOffset.UtcNow.AddMinutes(15), CancellationToken.None);

    /// <summary>The same blob through the app's own (account key) client.</summary>
    private BlobClient App(Uri url)
    {
        var parts = new BlobUriBuilder(url);
        return blobs.GetBlobContainerClient(parts.BlobContainerName).GetBlobClient(parts.BlobName);
    }
}

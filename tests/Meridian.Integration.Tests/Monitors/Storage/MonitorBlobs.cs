using Azure.Storage.Blobs;
using Meridian.Core.Storage;

namespace Meridian.Integration.Tests.Monitors.Storage;

/// <summary>What the monitors container holds, for tests that check what a store or an endpoint wrote.</summary>
internal static class MonitorBlobs
{
    private static BlobContainerClient Container(BlobServiceClient blobs) => blobs.GetBlobContainerClient(BlobLayout.MonitorsContainer);

    /// <summary>Blob names under <paramref name="prefix"/>, in listing order.</summary>
    public static async Task<List<string>> NamesAsync(BlobServiceClient blobs, string prefix) =>
        await Container(blobs).GetBlobsAsync(new Azure.Storage.Blobs.Models.GetBlobsOptions { Prefix = prefix }).Select(blob => blob.Name).ToListAsync();

    /// <summary>Every blob's name and ETag: equal snapshots mean nothing was written, not even the same bytes again.</summary>
    public static async Task<List<string>> SnapshotAsync(BlobServiceClient blobs) =>
        await Container(blobs).GetBlobsAsync().Select(blob => $"{blob.Name} {blob.Properties.ETag}").ToListAsync();

    public static async Task ClearAsync(BlobServiceClient blobs)
    {
        foreach (var name in await NamesAsync(blobs, ""))
        {
            await Container(blobs).DeleteBlobIfExistsAsync(name);
        }
    }
}

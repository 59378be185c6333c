using Azure.Storage.Blobs;

namespace Meridian.Core.Storage;

/// <summary>
/// Creates the app's containers. The hosts call it once at start-up, so no store has to handle a
/// missing container on its hot path (a write to a missing container fails with 404).
/// </summary>
public static class MeridianBlobContainers
{
    /// <summary>Creates every container of <see cref="BlobLayout.Containers"/> that does not exist yet (private access).</summary>
    public static async Task EnsureCreatedAsync(BlobServiceClient blobs, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(blobs);
        foreach (var container in BlobLayout.Containers)
        {
            await blobs.GetBlobContainerClient(container).CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        }
    }
}

using Azure.Storage.Blobs;
using Meridian.Core.Storage;

namespace Meridian.Local.Commands;

/// <summary>Every blob an audit left in storage, as <c>container/name</c>, to tell the user where the results are.</summary>
public static class StoredBlobs
{
    public static async Task<IReadOnlyList<string>> ListAsync(BlobServiceClient blobs, string auditId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(blobs);
        var found = new List<string>();
        foreach (var container in BlobLayout.Containers)
        {
            await foreach (var blob in blobs.GetBlobContainerClient(container).GetBlobsAsync(cancellationToken: cancellationToken))
            {
                if (blob.Name.Contains(auditId, StringComparison.Ordinal))
                {
                    found.Add($"{container}/{blob.Name}");
                }
            }
        }

        return found;
    }
}

using Azure.Core;
using Azure.Storage.Blobs;

namespace Meridian.Worker.Delivery;

/// <summary>Blob clients for the worker's write-only SAS URLs, with the SDK's own retries tuned for a machine that has minutes, not hours.</summary>
public static class BlobUploads
{
    public static BlobClient ClientFor(Uri sasUrl, HttpClient? transport = null)
    {
        var options = new BlobClientOptions
        {
            Retry =
            {
                Mode = RetryMode.Exponential,
                MaxRetries = 5,
                Delay = TimeSpan.FromMilliseconds(500),
                MaxDelay = TimeSpan.FromSeconds(8),
                NetworkTimeout = TimeSpan.FromSeconds(30),
            },
        };
        if (transport is not null)
        {
            options.Transport = new Azure.Core.Pipeline.HttpClientTransport(transport);
        }

        return new BlobClient(sasUrl, options);
    }

    /// <summary>The blob's name inside its container, e.g. <c>audit-1/iad.json.gz</c>: what the summary may show, unlike the URL.</summary>
    public static string BlobNameOf(Uri sasUrl) => new BlobUriBuilder(sasUrl).BlobName;
}

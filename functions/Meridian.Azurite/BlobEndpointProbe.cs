using Azure;
using Azure.Storage;
using Azure.Storage.Blobs;

namespace Meridian.Azurite;

/// <summary>
/// Decides that Azurite is ready the way a client would: an authenticated Get Service Properties
/// succeeds. Azurite's "listening" line comes before its stores are loaded; a real answer does not.
/// </summary>
internal static class BlobEndpointProbe
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);

    /// <summary>True once the endpoint answers; false if the process exits first.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled first.</exception>
    public static async Task<bool> WaitUntilAnsweringAsync(Uri blobEndpoint, AzuriteProcess process, CancellationToken cancellationToken)
    {
        var options = new BlobClientOptions();
        // The probe is the retry loop: one quick try per poll, and no SDK backoff hiding an exit.
        options.Retry.MaxRetries = 0;
        options.Retry.NetworkTimeout = TimeSpan.FromSeconds(2);
        var client = new BlobServiceClient(blobEndpoint, new StorageSharedKeyCredential(DevelopmentStorage.AccountName, DevelopmentStorage.AccountKey), options);

        while (true)
        {
            if (process.Exited.IsCompleted)
            {
                return false;
            }

            try
            {
                await client.GetPropertiesAsync(cancellationToken);
                return true;
            }
            catch (Exception e) when (IsNotAnsweringYet(e, cancellationToken))
            {
            }

            await Task.WhenAny(process.Exited, Task.Delay(PollInterval, cancellationToken));
            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    // Refused connections arrive as RequestFailedException (status 0), per-try timeouts as a
    // cancellation that is not ours, and an error status means it is up but not ready.
    private static bool IsNotAnsweringYet(Exception e, CancellationToken cancellationToken) =>
        e is RequestFailedException or AggregateException or HttpRequestException or IOException
        || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested);
}

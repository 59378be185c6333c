using Azure;
using Azure.Core;
using Azure.Data.Tables;
using Azure.Storage;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;

namespace Meridian.Local.Azurite;

/// <summary>
/// Decides that Azurite is ready the way a client would: an authenticated Get Service Properties
/// succeeds on the Blob, the Queue and the Table endpoint. Azurite's "listening" lines come before its
/// stores are loaded; a real answer does not.
/// </summary>
internal static class ServiceEndpointsProbe
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);

    /// <summary>True once every endpoint answers; false if the process exits first.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled first.</exception>
    public static async Task<bool> WaitUntilAnsweringAsync(AzuritePorts ports, AzuriteProcess process, CancellationToken cancellationToken)
    {
        var key = new StorageSharedKeyCredential(DevelopmentStorage.AccountName, DevelopmentStorage.AccountKey);
        var blobs = new BlobServiceClient(ports.BlobEndpoint, key, OneQuickTry(new BlobClientOptions()));
        var queues = new QueueServiceClient(ports.QueueEndpoint, key, OneQuickTry(new QueueClientOptions()));
        var tables = new TableServiceClient(
            ports.TableEndpoint, new TableSharedKeyCredential(DevelopmentStorage.AccountName, DevelopmentStorage.AccountKey), OneQuickTry(new TableClientOptions()));

        // In the order Azurite starts them.
        Func<CancellationToken, Task>[] services = [blobs.GetPropertiesAsync, queues.GetPropertiesAsync, tables.GetPropertiesAsync];
        foreach (var getProperties in services)
        {
            if (!await WaitUntilAnsweringAsync(getProperties, process, cancellationToken))
            {
                return false;
            }
        }

        return true;
    }

    private static async Task<bool> WaitUntilAnsweringAsync(Func<CancellationToken, Task> getProperties, AzuriteProcess process, CancellationToken cancellationToken)
    {
        while (true)
        {
            if (process.Exited.IsCompleted)
            {
                return false;
            }

            try
            {
                await getProperties(cancellationToken);
                return true;
            }
            catch (Exception e) when (IsNotAnsweringYet(e, cancellationToken))
            {
            }

            await Task.WhenAny(process.Exited, Task.Delay(PollInterval, cancellationToken));
            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    // The probe is the retry loop: one quick try per poll, and no SDK backoff hiding an exit.
    private static T OneQuickTry<T>(T options)
        where T : ClientOptions
    {
        options.Retry.MaxRetries = 0;
        options.Retry.NetworkTimeout = TimeSpan.FromSeconds(2);
        return options;
    }

    // Refused connections arrive as RequestFailedException (status 0), per-try timeouts as a
    // cancellation that is not ours, and an error status means it is up but not ready.
    private static bool IsNotAnsweringYet(Exception e, CancellationToken cancellationToken) =>
        e is RequestFailedException or AggregateException or HttpRequestException or IOException
        || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested);
}

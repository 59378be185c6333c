using Azure.Storage.Blobs.Models;
using Azure;
using Meridian.Contract.Delivery;
using Microsoft.Extensions.Logging;

namespace Meridian.Worker.Delivery;

/// <summary>
/// Leaves the signed result in blob storage when the callback cannot be reached; the orchestration
/// reads it at the deadline. Same body, same signature (as blob metadata, see <see cref="FallbackBlobFormat"/>).
/// </summary>
public sealed partial class FallbackWriter(TimeProvider time, ILogger<FallbackWriter> logger)
{
    public async Task<bool> WriteAsync(Uri sasUrl, byte[] key, byte[] body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sasUrl);
        var signed = CallbackSignature.Sign(key, time.GetUtcNow(), body);
        try
        {
            await BlobUploads.ClientFor(sasUrl).UploadAsync(
                new BinaryData(body),
                new BlobUploadOptions
                {
                    HttpHeaders = new BlobHttpHeaders { ContentType = FallbackBlobFormat.ContentType },
                    Metadata = new Dictionary<string, string>
                    {
                        [FallbackBlobFormat.TimestampMetadata] = signed.Timestamp,
                        [FallbackBlobFormat.SignatureMetadata] = signed.Signature,
                    },
                },
                cancellationToken);
            var name = BlobUploads.BlobNameOf(sasUrl);
            LogWritten(logger, name);
            return true;
        }
        catch (RequestFailedException e)
        {
            LogFailed(logger, e.Status, e.ErrorCode ?? "none");
            return false;
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or AggregateException)
        {
            LogFailed(logger, 0, e.GetType().Name);
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Fallback: signed result written to {BlobName}")]
    private static partial void LogWritten(ILogger logger, string blobName);

    [LoggerMessage(Level = LogLevel.Error, Message = "Fallback: write failed (status {Status}, error {ErrorCode}); the result is lost")]
    private static partial void LogFailed(ILogger logger, int status, string errorCode);
}

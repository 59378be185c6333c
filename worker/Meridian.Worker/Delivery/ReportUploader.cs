using System.IO.Compression;
using Azure;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Logging;

namespace Meridian.Worker.Delivery;

/// <summary>Uploads the median run's full report, gzipped (a 300–550 KB report becomes 60–120 KB).</summary>
public sealed partial class ReportUploader(ILogger<ReportUploader> logger)
{
    /// <summary>Returns the blob name, or null when the upload failed (the summary still goes out without it).</summary>
    public async Task<string?> UploadAsync(Uri sasUrl, string reportPath, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sasUrl);
        var blob = BlobUploads.ClientFor(sasUrl);
        try
        {
            using var gzipped = new MemoryStream();
            await using (var file = File.OpenRead(reportPath))
            await using (var gzip = new GZipStream(gzipped, CompressionLevel.Optimal, leaveOpen: true))
            {
                await file.CopyToAsync(gzip, cancellationToken);
            }

            gzipped.Position = 0;
            await blob.UploadAsync(
                gzipped,
                new BlobUploadOptions
                {
                    HttpHeaders = new BlobHttpHeaders { ContentType = "application/json", ContentEncoding = "gzip" },
                },
                cancellationToken);

            var name = BlobUploads.BlobNameOf(sasUrl);
            LogUploaded(logger, name, gzipped.Length / 1024.0);
            return name;
        }
        catch (RequestFailedException e)
        {
            // The status and error code only: the SDK's message includes the request URL.
            LogFailed(logger, e.Status, e.ErrorCode ?? "none");
            return null;
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or AggregateException)
        {
            LogFailed(logger, 0, e.GetType().Name);
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Report: uploaded {BlobName} ({Kilobytes:0} KB gzipped)")]
    private static partial void LogUploaded(ILogger logger, string blobName, double kilobytes);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Report: upload failed (status {Status}, error {ErrorCode}); the summary goes out without it")]
    private static partial void LogFailed(ILogger logger, int status, string errorCode);
}

using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Meridian.Contract;
using Meridian.Contract.Delivery;
using Meridian.Contract.Results;
using Meridian.Core.Audits.Activities;
using Meridian.Core.Configuration;
using Meridian.Core.Regions;
using Meridian.Core.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Meridian.Core.Deliveries;

/// <summary>
/// Region results kept in the <c>deliveries</c> container, both ways they arrive: the callback stores
/// each signed result (<see cref="BlobLayout.CallbackBlob"/>) before raising its event, and a worker
/// that could not reach the callback leaves one itself (<see cref="BlobLayout.FallbackBlob"/>). Both
/// keep the exact signed bytes with the signature as metadata, so a result read back at the deadline
/// is checked exactly as the callback checked it, and a blob nobody signed is never believed.
/// </summary>
public sealed partial class BlobDeliveryStore(
    BlobServiceClient blobs,
    IOptions<MeridianOptions> options,
    TimeProvider time,
    ILogger<BlobDeliveryStore> logger) : IDeliveredResults, IDeliveryStore
{
    /// <summary>
    /// How old a stored result's signature may be when it is read: results are read at the audit's
    /// deadline (at most 30 minutes after it started) or when an orchestration recovers later, not on arrival.
    /// </summary>
    public static readonly TimeSpan SignatureTolerance = TimeSpan.FromHours(24);

    /// <summary>Metadata key of the stored result's id, which tells a repeated delivery from a different result.</summary>
    public const string ResultIdMetadata = "result_id";

    private readonly BlobContainerClient deliveries = blobs.GetBlobContainerClient(BlobLayout.DeliveriesContainer);

    public async Task<DeliveryStoreOutcome> StoreAsync(
        string auditId,
        string region,
        string resultId,
        ReadOnlyMemory<byte> body,
        SignedHeaders signature,
        CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(resultId);
        ArgumentNullException.ThrowIfNull(signature);
        var blob = deliveries.GetBlobClient(BlobLayout.CallbackBlob(PathSegment(auditId), RegionCode(region)));

        var metadata = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            [FallbackBlobFormat.TimestampMetadata] = signature.Timestamp,
            [FallbackBlobFormat.SignatureMetadata] = signature.Signature,
        };
        BlobMetadataText.Set(metadata, ResultIdMetadata, resultId);

        try
        {
            await blob.UploadAsync(
                BinaryData.FromBytes(body),
                new BlobUploadOptions
                {
                    Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
                    HttpHeaders = new BlobHttpHeaders { ContentType = FallbackBlobFormat.ContentType },
                    Metadata = metadata,
                },
                cancellationToken);
            return DeliveryStoreOutcome.Stored;
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            // A repeat is the same result id and the same bytes; the same id with another body is a
            // different result claiming to be the first, and must not replace it or reach the orchestration.
            var stored = (await blob.DownloadContentAsync(cancellationToken)).Value;
            return BlobMetadataText.Get(stored.Details.Metadata, ResultIdMetadata) == resultId && stored.Content.ToMemory().Span.SequenceEqual(body.Span)
                ? DeliveryStoreOutcome.Duplicate
                : DeliveryStoreOutcome.Conflict;
        }
    }

    /// <summary>
    /// The region's result as the callback stored it, else as the worker left it; a blob whose
    /// signature does not verify under this audit's and region's key, or that is not a region result,
    /// is logged and passed over. Storage failures other than a missing blob are thrown, for the activity to retry.
    /// </summary>
    public async Task<RegionResult?> FindAsync(string auditId, string region, CancellationToken cancellationToken)
    {
        var code = RegionCode(region);
        var key = CallbackSigningKey.Derive(options.Value.CallbackMasterKey(), PathSegment(auditId), code);
        foreach (var name in new[] { BlobLayout.CallbackBlob(auditId, code), BlobLayout.FallbackBlob(auditId, code) })
        {
            if (await ReadVerifiedAsync(deliveries.GetBlobClient(name), key, auditId, code, cancellationToken) is { } result)
            {
                return result;
            }
        }

        return null;
    }

    private async Task<RegionResult?> ReadVerifiedAsync(BlobClient blob, byte[] key, string auditId, string region, CancellationToken cancellationToken)
    {
        BlobDownloadResult download;
        try
        {
            download = (await blob.DownloadContentAsync(cancellationToken)).Value;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }

        var body = download.Content.ToMemory();
        var metadata = download.Details.Metadata;
        var verdict = CallbackSignature.Verify(
            key,
            metadata.TryGetValue(FallbackBlobFormat.TimestampMetadata, out var timestamp) ? timestamp : null,
            metadata.TryGetValue(FallbackBlobFormat.SignatureMetadata, out var signature) ? signature : null,
            body.Span,
            time.GetUtcNow(),
            SignatureTolerance);
        if (verdict != SignatureVerdict.Valid)
        {
            LogSignatureRefused(logger, auditId, region, blob.Name, verdict);
            return null;
        }

        RegionResult? result;
        try
        {
            result = JsonSerializer.Deserialize<RegionResult>(body.Span, ContractJson.Options);
        }
        catch (JsonException)
        {
            result = null;
        }

        if (result is null || string.IsNullOrEmpty(result.ResultId) || string.IsNullOrEmpty(result.AuditId) || string.IsNullOrEmpty(result.Region))
        {
            LogNotAResult(logger, auditId, region, blob.Name);
            return null;
        }

        return result;
    }

    /// <summary>Region codes are lower case in every blob name; an unknown code has no blobs.</summary>
    private static string RegionCode(string region)
    {
        ArgumentException.ThrowIfNullOrEmpty(region);
        return RegionCatalog.TryGet(region, out var known)
            ? known.Code
            : throw new ArgumentException($"'{region}' is not a Fly region code.", nameof(region));
    }

    /// <summary>An audit id becomes one blob name segment: it must not open another folder.</summary>
    private static string PathSegment(string auditId)
    {
        ArgumentException.ThrowIfNullOrEmpty(auditId);
        return auditId.Contains('/', StringComparison.Ordinal) || auditId.Contains('\\', StringComparison.Ordinal) || auditId is "." or ".."
            ? throw new ArgumentException($"'{auditId}' cannot be an audit id.", nameof(auditId))
            : auditId;
    }

    // The signature and the key are never logged: the blob name and the verdict say enough.
    [LoggerMessage(Level = LogLevel.Warning, Message = "Audit {AuditId} region {Region}: ignored {BlobName}, its signature is {Verdict}")]
    private static partial void LogSignatureRefused(ILogger logger, string auditId, string region, string blobName, SignatureVerdict verdict);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Audit {AuditId} region {Region}: ignored {BlobName}, it is not JSON of a region result")]
    private static partial void LogNotAResult(ILogger logger, string auditId, string region, string blobName);
}

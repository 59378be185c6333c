using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Meridian.Core.Serialization;

namespace Meridian.Core.Storage;

/// <summary>A JSON document in one blob, written only under a condition and read with its ETag: what the document stores share.</summary>
internal static class JsonBlob
{
    private const string ContentType = "application/json";

    /// <summary>Uploads the document; false when the condition failed (someone else wrote first).</summary>
    public static async Task<bool> TryUploadAsync<T>(
        BlobClient blob, T document, BlobRequestConditions conditions, IDictionary<string, string>? metadata, CancellationToken cancellationToken) =>
        await TryWriteAsync(blob, document, conditions, metadata, cancellationToken) is not null;

    /// <summary>Uploads the document and returns its new ETag; null when the condition failed (someone else wrote first).</summary>
    public static async Task<ETag?> TryWriteAsync<T>(
        BlobClient blob, T document, BlobRequestConditions conditions, IDictionary<string, string>? metadata, CancellationToken cancellationToken)
    {
        try
        {
            var written = await blob.UploadAsync(
                BinaryData.FromBytes(JsonSerializer.SerializeToUtf8Bytes(document, MeridianJson.Options)),
                new BlobUploadOptions { Conditions = conditions, HttpHeaders = new BlobHttpHeaders { ContentType = ContentType }, Metadata = metadata },
                cancellationToken);
            return written.Value.ETag;
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            // 409 BlobAlreadyExists or 412 ConditionNotMet, depending on the condition and the race.
            return null;
        }
    }

    /// <summary>The document and the ETag to write it back under; null when the blob does not exist.</summary>
    public static async Task<Stored<T>?> ReadAsync<T>(BlobClient blob, CancellationToken cancellationToken)
        where T : class
    {
        try
        {
            var download = (await blob.DownloadContentAsync(cancellationToken)).Value;
            var document = download.Content.ToObjectFromJson<T>(MeridianJson.Options)
                           ?? throw new InvalidDataException($"Blob {blob.Name} holds JSON null, not a {typeof(T).Name}.");
            return new Stored<T>(document, download.Details.ETag);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    public sealed record Stored<T>(T Document, ETag ETag);
}

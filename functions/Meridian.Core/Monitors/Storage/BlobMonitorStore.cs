using System.Runtime.CompilerServices;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Meridian.Core.Ids;
using Meridian.Core.Storage;

namespace Meridian.Core.Monitors.Storage;

/// <summary>
/// Monitors in Blob Storage: one JSON document per monitor (<see cref="BlobLayout.MonitorBlob"/>) and
/// the due index, one empty blob per (due minute, monitor) (<see cref="BlobLayout.DueMarkerBlob"/>).
/// Every document write is conditional on the blob's ETag. A new due marker is written before the
/// document that points at it: a crash in between leaves a marker the scheduler drops as stale, where
/// the other order could leave a monitor no marker ever brings up again.
/// </summary>
public sealed class BlobMonitorStore(BlobServiceClient blobs) : IMonitorStore
{
    /// <summary>Read-change-write rounds before <see cref="UpdateAsync"/> gives up on a document that keeps changing.</summary>
    public const int MaxUpdateAttempts = 5;

    /// <summary>
    /// Markers asked for per listing request. A tick usually finds a handful due and stops at the first
    /// later one, so a small page keeps each minute's listing small whatever the size of the index.
    /// </summary>
    public const int DueListPageSize = 200;

    /// <summary>Monitors per <see cref="ListAsync"/> page at most: each is a document read.</summary>
    public const int MaxPageSize = 100;

    /// <summary>Documents of one list page read at once.</summary>
    private const int ListReadParallelism = 8;

    private readonly BlobContainerClient monitors = blobs.GetBlobContainerClient(BlobLayout.MonitorsContainer);

    /// <exception cref="ArgumentException">The id is malformed, or the due time is not a whole minute.</exception>
    public async Task<bool> CreateAsync(MonitorDocument monitor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(monitor);
        var blob = Document(monitor.MonitorId);
        var marker = monitor.Schedule.NextDueAt is { } due ? new DueMarker(monitor.MonitorId, due) : null;
        if (marker is not null)
        {
            await WriteMarkerAsync(marker, cancellationToken);
        }

        if (!await TryUploadAsync(blob, monitor, new BlobRequestConditions { IfNoneMatch = ETag.All }, cancellationToken))
        {
            return false;
        }

        await ConfirmMarkerAsync(marker, cancellationToken);
        return true;
    }

    public async Task<MonitorDocument?> GetAsync(string monitorId, CancellationToken cancellationToken) =>
        MonitorIds.IsWellFormed(monitorId) ? (await ReadAsync(Document(monitorId), cancellationToken))?.Document : null;

    /// <exception cref="InvalidOperationException">
    /// The document changed under each of <see cref="MaxUpdateAttempts"/> attempts, or the change altered the id.
    /// </exception>
    public async Task<MonitorDocument?> UpdateAsync(string monitorId, Func<MonitorDocument, MonitorDocument?> change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (!MonitorIds.IsWellFormed(monitorId))
        {
            return null;
        }

        var blob = Document(monitorId);
        for (var attempt = 1; attempt <= MaxUpdateAttempts; attempt++)
        {
            if (await ReadAsync(blob, cancellationToken) is not { } current)
            {
                return null;
            }

            if (change(current.Document) is not { } next)
            {
                return current.Document;
            }

            if (next.MonitorId != monitorId)
            {
                throw new InvalidOperationException($"A change of monitor {monitorId} must keep its id, not make it {next.MonitorId}.");
            }

            // A marker written for an attempt that then loses the race is stale, and harmless.
            var newDue = next.Schedule.NextDueAt is { } due && due != current.Document.Schedule.NextDueAt ? new DueMarker(monitorId, due) : null;
            if (newDue is not null)
            {
                await WriteMarkerAsync(newDue, cancellationToken);
            }

            if (await TryUploadAsync(blob, next, new BlobRequestConditions { IfMatch = current.ETag }, cancellationToken))
            {
                await ConfirmMarkerAsync(newDue, cancellationToken);
                return next;
            }
        }

        throw new InvalidOperationException($"Monitor {monitorId} changed during each of {MaxUpdateAttempts} attempts to update it.");
    }

    public async Task<bool> DeleteAsync(string monitorId, CancellationToken cancellationToken) =>
        MonitorIds.IsWellFormed(monitorId) && (await Document(monitorId).DeleteIfExistsAsync(cancellationToken: cancellationToken)).Value;

    /// <exception cref="InvalidOperationException">The document changed under each of <see cref="MaxUpdateAttempts"/> attempts.</exception>
    public async Task<MonitorDeletion> DeleteIfAsync(string monitorId, Func<MonitorDocument, bool> condition, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(condition);
        if (!MonitorIds.IsWellFormed(monitorId))
        {
            return MonitorDeletion.NotFound;
        }

        var blob = Document(monitorId);
        for (var attempt = 1; attempt <= MaxUpdateAttempts; attempt++)
        {
            if (await ReadAsync(blob, cancellationToken) is not { } current)
            {
                return MonitorDeletion.NotFound;
            }

            if (!condition(current.Document))
            {
                return MonitorDeletion.ConditionFailed;
            }

            try
            {
                await blob.DeleteAsync(conditions: new BlobRequestConditions { IfMatch = current.ETag }, cancellationToken: cancellationToken);
                return MonitorDeletion.Deleted;
            }
            catch (RequestFailedException e) when (e.Status == 412)
            {
                // Changed since it was read: look again.
            }
            catch (RequestFailedException e) when (e.Status == 404)
            {
                return MonitorDeletion.NotFound;
            }
        }

        throw new InvalidOperationException($"Monitor {monitorId} changed during each of {MaxUpdateAttempts} attempts to delete it.");
    }

    /// <exception cref="ArgumentException">The continuation token is not one a listing of monitors gave.</exception>
    public async Task<MonitorPage> ListAsync(string? continuationToken, int pageSize, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(pageSize, MaxPageSize);
        var options = new GetBlobsOptions { Prefix = BlobLayout.MonitorDefinitionsPrefix };
        Page<BlobItem>? page = null;
        try
        {
            await foreach (var first in monitors.GetBlobsAsync(options, cancellationToken).AsPages(continuationToken, pageSize))
            {
                page = first;
                break;
            }
        }
        catch (RequestFailedException e) when (e.Status == 400 && continuationToken is not null)
        {
            throw new ArgumentException("The continuation token is not one this listing gave; pass back the previous page's token unchanged.", nameof(continuationToken), e);
        }

        if (page is null)
        {
            return new MonitorPage([], null);
        }

        var ids = page.Values.Select(blob => BlobLayout.TryParseMonitorBlob(blob.Name, out var id) ? id : null).OfType<string>().ToList();
        var documents = new MonitorDocument?[ids.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, ids.Count),
            new ParallelOptions { MaxDegreeOfParallelism = ListReadParallelism, CancellationToken = cancellationToken },
            async (i, token) => documents[i] = (await ReadAsync(Document(ids[i]), token))?.Document);

        // A document deleted between the listing and its read is left out.
        return new MonitorPage(documents.OfType<MonitorDocument>().ToList(), string.IsNullOrEmpty(page.ContinuationToken) ? null : page.ContinuationToken);
    }

    public async IAsyncEnumerable<DueMarker> ListDueAsync(DateTimeOffset now, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var options = new GetBlobsOptions { Prefix = BlobLayout.DueMarkersPrefix };
        await foreach (var page in monitors.GetBlobsAsync(options, cancellationToken).AsPages(pageSizeHint: DueListPageSize))
        {
            foreach (var blob in page.Values)
            {
                if (!BlobLayout.TryParseDueMarkerBlob(blob.Name, out var marker))
                {
                    continue;
                }

                // Names sort by due time: the first later one ends the listing, and no further page is asked for.
                if (marker.DueAt > now)
                {
                    yield break;
                }

                yield return marker with { Version = blob.Properties.ETag?.ToString() };
            }
        }
    }

    public async Task DeleteDueMarkerAsync(DueMarker marker, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(marker);
        var conditions = marker.Version is { } version ? new BlobRequestConditions { IfMatch = new ETag(version) } : null;
        try
        {
            await monitors.GetBlobClient(BlobLayout.DueMarkerBlob(marker)).DeleteIfExistsAsync(conditions: conditions, cancellationToken: cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 412)
        {
            // Written again since it was listed (a create or PUT that was racing this tick): it stands.
        }
    }

    /// <summary>
    /// Writes the marker once more after its document: a tick that listed the first write and read the
    /// document before it changed takes that marker for stale, but its delete is conditional on the
    /// version it listed, so this newer version is never removed with it.
    /// </summary>
    private async Task ConfirmMarkerAsync(DueMarker? marker, CancellationToken cancellationToken)
    {
        if (marker is not null)
        {
            await WriteMarkerAsync(marker, cancellationToken);
        }
    }

    private async Task WriteMarkerAsync(DueMarker marker, CancellationToken cancellationToken) =>
        await monitors.GetBlobClient(BlobLayout.DueMarkerBlob(marker)).UploadAsync(BinaryData.Empty, overwrite: true, cancellationToken);

    private static Task<bool> TryUploadAsync(BlobClient blob, MonitorDocument monitor, BlobRequestConditions conditions, CancellationToken cancellationToken) =>
        JsonBlob.TryUploadAsync(blob, monitor, conditions, metadata: null, cancellationToken);

    private static Task<JsonBlob.Stored<MonitorDocument>?> ReadAsync(BlobClient blob, CancellationToken cancellationToken) =>
        JsonBlob.ReadAsync<MonitorDocument>(blob, cancellationToken);

    private BlobClient Document(string monitorId) => monitors.GetBlobClient(BlobLayout.MonitorBlob(monitorId));
}

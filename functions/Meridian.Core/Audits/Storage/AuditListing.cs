using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Meridian.Core.Ids;
using Meridian.Core.Storage;

namespace Meridian.Core.Audits.Storage;

/// <summary>
/// Lists audits from the metadata of their document blobs, day folder by day folder from
/// <see cref="AuditListQuery.Since"/> to today (UTC), oldest first: blob names in a folder are
/// time-ordered audit ids, so the listing order is creation order and no document is downloaded.
/// </summary>
internal sealed class AuditListing(BlobContainerClient audits, TimeProvider time)
{
    public const int MaxPageSize = 100;

    /// <summary>Blobs asked for per storage request when a URL filter may discard most of them.</summary>
    private const int FilteredBatchSize = 500;

    public async Task<AuditPage> ListAsync(AuditListQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(query.PageSize, 1, nameof(query.PageSize));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(query.PageSize, MaxPageSize, nameof(query.PageSize));

        var sinceDay = DateOnly.FromDateTime(query.Since.UtcDateTime);
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        AuditListCursor? cursor = null;
        if (query.ContinuationToken is not null && !AuditListCursor.TryDecode(query.ContinuationToken, out cursor))
        {
            throw new ArgumentException(
                "The continuation token is malformed: pass back the token of the previous page unchanged, or none for the first page.",
                nameof(query));
        }

        // A token from before Since (the caller changed the query) has nothing to say about this one.
        if (cursor is not null && cursor.DayValue < sinceDay)
        {
            cursor = null;
        }

        var items = new List<AuditListItem>(query.PageSize);
        await foreach (var day in AuditDayFolders.ExistingAsync(audits, cursor?.DayValue ?? sinceDay, today, cancellationToken))
        {
            var resume = cursor?.DayValue == day ? cursor : null;
            var continuation = resume?.Continuation;
            var after = resume?.After;
            do
            {
                var batch = query.Url is null ? query.PageSize - items.Count : FilteredBatchSize;
                var page = await FirstPageAsync(day, continuation, batch, cancellationToken);
                foreach (var blob in page.Values)
                {
                    if ((after is not null && string.CompareOrdinal(blob.Name, after) <= 0) || ToItem(blob, query) is not { } item)
                    {
                        continue;
                    }

                    items.Add(item);
                    if (items.Count == query.PageSize)
                    {
                        // Resume in the same storage page, after this blob; this may lead to an empty last page.
                        return new AuditPage(items, AuditListCursor.At(day, continuation, blob.Name).Encode());
                    }
                }

                continuation = string.IsNullOrEmpty(page.ContinuationToken) ? null : page.ContinuationToken;
            }
            while (continuation is not null);
        }

        return new AuditPage(items, null);
    }

    private async Task<Azure.Page<BlobItem>> FirstPageAsync(DateOnly day, string? continuation, int batch, CancellationToken cancellationToken)
    {
        var options = new GetBlobsOptions { Traits = BlobTraits.Metadata, Prefix = BlobLayout.AuditDayPrefix(day) };
        await foreach (var page in audits.GetBlobsAsync(options, cancellationToken).AsPages(continuation, batch))
        {
            return page;
        }

        throw new InvalidOperationException("Blob Storage returned no page for a listing.");
    }

    private static AuditListItem? ToItem(BlobItem blob, AuditListQuery query)
    {
        if (!BlobLayout.TryParseAuditBlob(blob.Name, out var auditId)
            || !AuditIds.TryGetCreatedAt(auditId, out var createdAt)
            || createdAt < query.Since)
        {
            return null;
        }

        var item = AuditBlobMetadata.ToListItem(auditId, createdAt, blob.Metadata);
        return item is not null && (query.Url is null || string.Equals(item.Url, query.Url, StringComparison.Ordinal)) ? item : null;
    }
}

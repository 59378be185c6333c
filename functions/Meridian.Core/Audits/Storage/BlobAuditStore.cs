using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Meridian.Contract.Jobs;
using Meridian.Core.Ids;
using Meridian.Core.Regions;
using Meridian.Core.Storage;

namespace Meridian.Core.Audits.Storage;

/// <summary>
/// Audit documents in Blob Storage (<see cref="BlobLayout.AuditBlob"/>). Every write is conditional: the
/// start of an audit never overwrites a document, and the report is merged into the document that
/// is there (ETag), so two writers cannot silently undo each other. Audit regions are remembered
/// in memory (<see cref="AuditRegionCache"/>) for the callback's check.
/// </summary>
public sealed class BlobAuditStore(BlobServiceClient blobs, TimeProvider time) : IAuditStore, IDisposable
{
    /// <summary>Read-merge-write rounds before <see cref="CompleteAsync"/> gives up on a document that keeps changing.</summary>
    public const int MaxSaveAttempts = 5;

    private readonly BlobContainerClient audits = blobs.GetBlobContainerClient(BlobLayout.AuditsContainer);
    private readonly AuditRegionCache regions = new();

    /// <inheritdoc />
    /// <exception cref="ArgumentException">The document's id is not a well-formed audit id.</exception>
    public async Task<bool> CreateAsync(AuditRecord document, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        if (!await TryUploadAsync(Document(document.AuditId), document, new BlobRequestConditions { IfNoneMatch = ETag.All }, cancellationToken))
        {
            return false;
        }

        regions.Remember(document.AuditId, document.Regions);
        return true;
    }

    public async Task DeleteAsync(string auditId, CancellationToken cancellationToken)
    {
        if (AuditIds.IsWellFormed(auditId))
        {
            regions.Forget(auditId);
            await Document(auditId).DeleteIfExistsAsync(cancellationToken: cancellationToken);
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlySet<string>?> GetRegionsAsync(string auditId, CancellationToken cancellationToken)
    {
        if (regions.TryGet(auditId, out var known))
        {
            return known;
        }

        // An unknown audit is not remembered: its document may be written a moment later.
        return await GetAsync(auditId, cancellationToken) is { } document ? regions.Remember(auditId, document.Regions) : null;
    }

    public async Task<AuditRecord?> GetAsync(string auditId, CancellationToken cancellationToken) =>
        AuditIds.IsWellFormed(auditId) ? (await ReadAsync(Document(auditId), cancellationToken))?.Document : null;

    public Task<AuditPage> ListAsync(AuditListQuery query, CancellationToken cancellationToken) =>
        new AuditListing(audits, time).ListAsync(query, cancellationToken);

    /// <inheritdoc />
    /// <exception cref="ArgumentException">The report's id is not a well-formed audit id.</exception>
    /// <exception cref="InvalidOperationException">The document changed under every one of <see cref="MaxSaveAttempts"/> attempts.</exception>
    public Task<AuditRecord> CompleteAsync(AuditReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        return SaveDocumentAsync(Document(report.AuditId), report, cancellationToken);
    }

    private static async Task<AuditRecord> SaveDocumentAsync(BlobClient blob, AuditReport report, CancellationToken cancellationToken)
    {
        for (var attempt = 1; attempt <= MaxSaveAttempts; attempt++)
        {
            var current = await ReadAsync(blob, cancellationToken);
            var (document, conditions) = current is null
                ? (FromReport(report), new BlobRequestConditions { IfNoneMatch = ETag.All })
                : (current.Document with { Status = AuditRecordStatus.Completed, Report = report }, new BlobRequestConditions { IfMatch = current.ETag });

            if (await TryUploadAsync(blob, document, conditions, cancellationToken))
            {
                return document;
            }
        }

        throw new InvalidOperationException(
            $"The document of audit {report.AuditId} changed during each of {MaxSaveAttempts} attempts to store its report.");
    }

    /// <summary>Uploads the document with its listing metadata; false when the condition failed (someone else wrote first).</summary>
    private static Task<bool> TryUploadAsync(BlobClient blob, AuditRecord document, BlobRequestConditions conditions, CancellationToken cancellationToken) =>
        JsonBlob.TryUploadAsync(blob, document, conditions, AuditBlobMetadata.For(document), cancellationToken);

    private static Task<JsonBlob.Stored<AuditRecord>?> ReadAsync(BlobClient blob, CancellationToken cancellationToken) =>
        JsonBlob.ReadAsync<AuditRecord>(blob, cancellationToken);

    /// <summary>The document of an audit whose start was never recorded, from what the report knows.</summary>
    private static AuditRecord FromReport(AuditReport report)
    {
        AuditIds.TryGetCreatedAt(report.AuditId, out var createdAt);
        return new AuditRecord(
            report.AuditId,
            report.Url,
            report.Regions.Select(region => region.Region).ToList(),
            report.FormFactor,
            report.Runs,
            DeadlineSeconds: 0, // Not in the report: 0 means unknown.
            MonitorId: null,
            createdAt,
            AuditRecordStatus.Completed,
            report);
    }

    private BlobClient Document(string auditId) => audits.GetBlobClient(BlobLayout.AuditBlob(auditId));

    public void Dispose() => regions.Dispose();
}

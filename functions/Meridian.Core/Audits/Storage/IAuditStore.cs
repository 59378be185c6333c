namespace Meridian.Core.Audits.Storage;

/// <summary>Audit documents in storage, found by id and listed by time.</summary>
public interface IAuditStore
{
    /// <summary>Writes the document of an audit that has just started; a second call for the same id changes nothing and returns false.</summary>
    Task<bool> CreateAsync(AuditRecord document, CancellationToken cancellationToken);

    /// <summary>Removes the document of an audit that could not be started after all; a missing one is fine.</summary>
    Task DeleteAsync(string auditId, CancellationToken cancellationToken);

    /// <summary>The document, or null when there is none (unknown or malformed id).</summary>
    Task<AuditRecord?> GetAsync(string auditId, CancellationToken cancellationToken);

    /// <summary>
    /// The audit's regions, or null when there is no such audit. Regions never change once an audit
    /// is created, so this may be answered from memory: the worker callback asks it on every delivery.
    /// </summary>
    Task<IReadOnlySet<string>?> GetRegionsAsync(string auditId, CancellationToken cancellationToken);

    /// <summary>
    /// Marks the audit's document Completed with the report (rebuilding the document from the report
    /// if it was never written) and returns it. Safe to repeat: the same report gives the same document.
    /// </summary>
    Task<AuditRecord> CompleteAsync(AuditReport report, CancellationToken cancellationToken);

    /// <summary>Audits created at or after <see cref="AuditListQuery.Since"/>, oldest first, one page at a time.</summary>
    Task<AuditPage> ListAsync(AuditListQuery query, CancellationToken cancellationToken);
}

/// <param name="Since">Earliest creation time to list.</param>
/// <param name="Url">Only audits of exactly this URL (as normalized by validation), or all when null.</param>
/// <param name="ContinuationToken">From the previous page; null for the first.</param>
/// <param name="PageSize">At most this many items (1–100).</param>
public sealed record AuditListQuery(DateTimeOffset Since, string? Url, string? ContinuationToken, int PageSize);

/// <param name="ContinuationToken">Pass it back for the next page; null on the last page.</param>
public sealed record AuditPage(IReadOnlyList<AuditListItem> Items, string? ContinuationToken);

/// <summary>One line of an audit list: enough to pick one, not the whole report.</summary>
public sealed record AuditListItem(
    string AuditId,
    string Url,
    DateTimeOffset CreatedAt,
    AuditRecordStatus Status,
    string? MonitorId,
    double? MedianPerformanceScore);

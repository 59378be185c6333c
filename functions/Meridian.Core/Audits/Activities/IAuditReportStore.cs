namespace Meridian.Core.Audits.Activities;

/// <summary>Where finished audit reports are kept (Blob Storage, laid out for Power BI).</summary>
public interface IAuditReportStore
{
    /// <summary>Stores the report; storing the same report again overwrites it (idempotent).</summary>
    Task SaveAsync(AuditReport report, CancellationToken cancellationToken);
}

using Meridian.Contract.Jobs;

namespace Meridian.Core.Audits.Activities;

/// <summary>Issues the write-only blob URLs a region's worker uploads to (SAS on Azure Blob Storage).</summary>
public interface IWorkerUploadUrlIssuer
{
    /// <summary>URLs for one region of one audit, valid until <paramref name="expiresAt"/>.</summary>
    Task<WorkerUploadUrls> IssueAsync(string auditId, string region, DateTimeOffset expiresAt, CancellationToken cancellationToken);
}

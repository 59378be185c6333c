using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Meridian.Core.Audits;
using Meridian.Core.Audits.Activities;
using Meridian.Core.Audits.Storage;
using Meridian.Core.Reports.PowerBi;
using Meridian.Core.Storage;

namespace Meridian.Core.Reports;

/// <summary>
/// Keeps a finished report where its readers look: in the audit's document (the API, the report
/// page), then as its rows for Power BI (<see cref="BlobLayout.RegionResultsBlob"/>). Safe to repeat:
/// the same report gives the same document and the same rows.
/// </summary>
public sealed class AuditReportStore(IAuditStore audits, BlobServiceClient blobs) : IAuditReportStore
{
    private readonly BlobContainerClient regionResults = blobs.GetBlobContainerClient(BlobLayout.RegionResultsContainer);

    /// <exception cref="ArgumentException">The report's id is not a well-formed audit id.</exception>
    public async Task SaveAsync(AuditReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        var saved = await audits.CompleteAsync(report, cancellationToken);

        // The document's monitor id, not the report's: only the document knows which monitor started it.
        var rows = PowerBiCsv.Write(PowerBiRows.From(report, saved.MonitorId));
        await regionResults.GetBlobClient(BlobLayout.RegionResultsBlob(report.AuditId)).UploadAsync(
            BinaryData.FromBytes(rows),
            new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = PowerBiCsv.ContentType } },
            cancellationToken);
    }
}

using Azure.Storage.Blobs;
using Azure.Storage.Sas;
using Meridian.Contract.Jobs;
using Meridian.Core.Audits.Activities;
using Meridian.Core.Storage;

namespace Meridian.Core.Audits.Storage;

/// <summary>
/// Issues a worker's two upload URLs as SAS tokens that can create and write one blob each and
/// nothing else (no read, no list, no delete). Signed with the account key where the client has one
/// (Azurite), otherwise with a user delegation key obtained through the app's managed identity, so
/// production needs no storage key at all.
/// </summary>
public sealed class BlobWorkerUploadUrlIssuer(BlobServiceClient blobs, TimeProvider time) : IWorkerUploadUrlIssuer
{
    /// <summary>A SAS valid from a little in the past still works on a machine whose clock runs behind.</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    public async Task<WorkerUploadUrls> IssueAsync(string auditId, string region, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        var report = blobs.GetBlobContainerClient(BlobLayout.ReportsContainer).GetBlobClient(BlobLayout.ReportBlob(auditId, region));
        var fallback = blobs.GetBlobContainerClient(BlobLayout.DeliveriesContainer).GetBlobClient(BlobLayout.FallbackBlob(auditId, region));
        var startsOn = time.GetUtcNow() - ClockSkew;

        if (report.CanGenerateSasUri)
        {
            return new WorkerUploadUrls(
                report.GenerateSasUri(WriteOnly(report, startsOn, expiresAt)),
                fallback.GenerateSasUri(WriteOnly(fallback, startsOn, expiresAt)));
        }

        var key = (await blobs.GetUserDelegationKeyAsync(startsOn, expiresAt, cancellationToken)).Value;
        return new WorkerUploadUrls(
            Signed(report, WriteOnly(report, startsOn, expiresAt).ToSasQueryParameters(key, blobs.AccountName)),
            Signed(fallback, WriteOnly(fallback, startsOn, expiresAt).ToSasQueryParameters(key, blobs.AccountName)));
    }

    private static BlobSasBuilder WriteOnly(BlobClient blob, DateTimeOffset startsOn, DateTimeOffset expiresOn)
    {
        var sas = new BlobSasBuilder
        {
            BlobContainerName = blob.BlobContainerName,
            BlobName = blob.Name,
            Resource = "b",
            StartsOn = startsOn,
            ExpiresOn = expiresOn,

            // Plain http only where the endpoint is (Azurite on loopback).
            Protocol = blob.Uri.Scheme == Uri.UriSchemeHttps ? SasProtocol.Https : SasProtocol.HttpsAndHttp,
        };
        sas.SetPermissions(BlobSasPermissions.Create | BlobSasPermissions.Write);
        return sas;
    }

    private static Uri Signed(BlobClient blob, BlobSasQueryParameters sas) =>
        new BlobUriBuilder(blob.Uri) { Sas = sas }.ToUri();
}

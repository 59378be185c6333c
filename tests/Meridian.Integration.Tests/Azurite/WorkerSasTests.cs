using Azure;
using Azure.Storage;
using Azure.Storage.Blobs;
using Azure.Storage.Sas;
using Meridian.Testing.Storage;

namespace Meridian.Integration.Tests.Azurite;

/// <summary>
/// The worker's pattern: it gets a URL that can create and write its one report blob, and nothing else,
/// signed with the account key by the service.
/// </summary>
public sealed class WorkerSasTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task A_create_and_write_sas_for_one_blob_can_upload_it_but_not_read_it()
    {
        var (container, sasUri) = await CreateWriteOnlySasAsync("reports/audit-1/iad.json");
        var worker = new BlobClient(sasUri);

        await worker.UploadAsync(BinaryData.FromString("the report"));
        var read = await Assert.ThrowsAsync<RequestFailedException>(() => worker.DownloadContentAsync());

        Assert.Equal(403, read.Status);
        var stored = await container.GetBlobClient("reports/audit-1/iad.json").DownloadContentAsync();
        Assert.Equal("the report", stored.Value.Content.ToString());
    }

    [Fact]
    public async Task A_sas_for_one_blob_cannot_write_another()
    {
        var (container, sasUri) = await CreateWriteOnlySasAsync("reports/audit-1/iad.json");
        var otherBlob = new BlobUriBuilder(sasUri) { BlobName = "reports/audit-1/lhr.json" }.ToUri();

        var write = await Assert.ThrowsAsync<RequestFailedException>(
            () => new BlobClient(otherBlob).UploadAsync(BinaryData.FromString("not mine")));

        Assert.Equal(403, write.Status);
        Assert.False(await container.GetBlobClient("reports/audit-1/lhr.json").ExistsAsync());
    }

    private async Task<(BlobContainerClient Container, Uri SasUri)> CreateWriteOnlySasAsync(string blobName)
    {
        var container = azurite.Server.CreateBlobServiceClient().GetBlobContainerClient(Containers.NewName());
        await container.CreateAsync();
        var sas = new BlobSasBuilder
        {
            BlobContainerName = container.Name,
            BlobName = blobName,
            Resource = "b",
            ExpiresOn = DateTimeOffset.UtcNow.AddMinutes(15),
        };
        sas.SetPermissions(BlobSasPermissions.Create | BlobSasPermissions.Write);
        var key = new StorageSharedKeyCredential(azurite.Server.AccountName, azurite.Server.AccountKey);
        var uri = new BlobUriBuilder(container.GetBlobClient(blobName).Uri) { Sas = sas.ToSasQueryParameters(key) }.ToUri();
        return (container, uri);
    }
}

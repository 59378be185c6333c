using Azure.Storage.Blobs;
using Meridian.Testing.Storage;

namespace Meridian.Integration.Tests.Azurite;

public sealed class AzuriteRoundTripTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task A_blob_uploaded_can_be_downloaded_and_listed()
    {
        var service = azurite.Server.CreateBlobServiceClient();
        var container = service.GetBlobContainerClient(Containers.NewName());
        await container.CreateAsync();

        await container.GetBlobClient("reports/iad.json").UploadAsync(BinaryData.FromString("""{"score":0.93}"""));
        var downloaded = await container.GetBlobClient("reports/iad.json").DownloadContentAsync();
        var listed = new List<string>();
        await foreach (var blob in container.GetBlobsAsync())
        {
            listed.Add(blob.Name);
        }

        Assert.Equal("""{"score":0.93}""", downloaded.Value.Content.ToString());
        Assert.Equal(["reports/iad.json"], listed);
    }

    [Fact]
    public async Task The_connection_string_reaches_the_same_server()
    {
        var name = Containers.NewName();
        await azurite.Server.CreateBlobServiceClient().CreateBlobContainerAsync(name);

        var fromConnectionString = new BlobServiceClient(azurite.Server.ConnectionString);

        Assert.True(await fromConnectionString.GetBlobContainerClient(name).ExistsAsync());
        Assert.Equal(azurite.Server.BlobEndpoint.AbsoluteUri, fromConnectionString.Uri.AbsoluteUri);
    }

    [Fact]
    public void The_endpoint_is_path_style_on_loopback_and_the_connection_string_names_only_blobs()
    {
        var server = azurite.Server;

        Assert.Equal("http", server.BlobEndpoint.Scheme);
        Assert.Equal("127.0.0.1", server.BlobEndpoint.Host);
        Assert.Equal("/devstoreaccount1", server.BlobEndpoint.AbsolutePath);
        Assert.Equal("devstoreaccount1", server.AccountName);
        Assert.Contains($"BlobEndpoint={server.BlobEndpoint.AbsoluteUri};", server.ConnectionString, StringComparison.Ordinal);
        Assert.Contains($"AccountKey={server.AccountKey};", server.ConnectionString, StringComparison.Ordinal);
        Assert.DoesNotContain("QueueEndpoint", server.ConnectionString, StringComparison.Ordinal);
        Assert.DoesNotContain("TableEndpoint", server.ConnectionString, StringComparison.Ordinal);
    }
}

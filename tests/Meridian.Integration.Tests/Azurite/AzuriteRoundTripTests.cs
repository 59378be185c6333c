using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Meridian.Integration.Tests.Monitors.Api;
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
    public async Task A_blob_a_queue_message_and_a_table_entity_written_through_the_connection_string_read_back()
    {
        var connectionString = azurite.Server.ConnectionString;
        var name = Containers.NewName();
        var tableName = Containers.NewTableName();

        var container = new BlobServiceClient(connectionString).GetBlobContainerClient(name);
        await container.CreateAsync();
        await container.GetBlobClient("reports/iad.json").UploadAsync(BinaryData.FromString("""{"score":0.93}"""));
        var queue = new QueueServiceClient(connectionString).GetQueueClient(name);
        await queue.CreateAsync();
        await queue.SendMessageAsync("work-item: audit iad");
        var table = new TableServiceClient(connectionString).GetTableClient(tableName);
        await table.CreateAsync();
        await table.AddEntityAsync(new TableEntity("instances", "audit-1") { ["RuntimeStatus"] = "Running" });

        var blob = await container.GetBlobClient("reports/iad.json").DownloadContentAsync();
        var message = await queue.ReceiveMessageAsync();
        var entity = await table.GetEntityAsync<TableEntity>("instances", "audit-1");

        Assert.Equal("""{"score":0.93}""", blob.Value.Content.ToString());
        Assert.Equal("work-item: audit iad", message.Value.MessageText);
        Assert.Equal("Running", entity.Value.GetString("RuntimeStatus"));
    }

    [Fact]
    public void The_endpoints_are_path_style_on_loopback_ports_of_their_own_and_the_connection_string_names_all_three()
    {
        var server = azurite.Server;
        Uri[] endpoints = [server.BlobEndpoint, server.QueueEndpoint, server.TableEndpoint];

        Assert.All(endpoints, endpoint =>
        {
            Assert.Equal("http", endpoint.Scheme);
            Assert.Equal("127.0.0.1", endpoint.Host);
            Assert.Equal("/devstoreaccount1", endpoint.AbsolutePath);
        });
        Assert.Equal(3, endpoints.Select(endpoint => endpoint.Port).Distinct().Count());
        Assert.Equal("devstoreaccount1", server.AccountName);
        Assert.Equal(
            $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={server.AccountKey};"
            + $"BlobEndpoint={server.BlobEndpoint.AbsoluteUri};QueueEndpoint={server.QueueEndpoint.AbsoluteUri};TableEndpoint={server.TableEndpoint.AbsoluteUri};",
            server.ConnectionString);
    }
}

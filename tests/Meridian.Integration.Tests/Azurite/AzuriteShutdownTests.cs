using System.Net.Sockets;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Meridian.Local.Azurite;
using Meridian.Integration.Tests.FlyStandIn;
using Meridian.Integration.Tests.Monitors.Api;
using Meridian.Testing.Storage;

namespace Meridian.Integration.Tests.Azurite;

public sealed class AzuriteShutdownTests
{
    [Fact]
    public async Task Dispose_ends_the_process_closes_the_port_and_deletes_the_temporary_data()
    {
        var server = await AzuriteServer.StartAsync(AzuriteFixture.Options());
        await server.CreateBlobServiceClient().CreateBlobContainerAsync(Containers.NewName());
        var (pid, port, data) = (server.ProcessId, server.BlobEndpoint.Port, server.DataDirectory);
        Assert.True(LocalProcesses.IsAlive(pid));

        await server.DisposeAsync();

        Assert.False(LocalProcesses.IsAlive(pid), $"Azurite ({pid}) outlived its dispose");
        using var client = new TcpClient();
        var refused = await Assert.ThrowsAsync<SocketException>(() => client.ConnectAsync("127.0.0.1", port));
        Assert.Equal(SocketError.ConnectionRefused, refused.SocketErrorCode);
        Assert.False(Directory.Exists(data), $"{data} is still there");
    }

    [Fact]
    public async Task A_data_directory_given_by_the_caller_is_kept_and_its_blobs_queue_messages_and_table_entities_survive_a_restart()
    {
        var data = Directory.CreateTempSubdirectory("meridian-azurite-test-").FullName;
        try
        {
            var name = Containers.NewName();
            var tableName = Containers.NewTableName();
            await using (var first = await AzuriteServer.StartAsync(AzuriteFixture.Options(data)))
            {
                // Disposed at once, well within Azurite's 5 s autosave: only its save on SIGTERM keeps these.
                var container = new BlobServiceClient(first.ConnectionString).GetBlobContainerClient(name);
                await container.CreateAsync();
                await container.GetBlobClient("monitors/m1.json").UploadAsync(BinaryData.FromString("kept"));
                var queue = new QueueServiceClient(first.ConnectionString).GetQueueClient(name);
                await queue.CreateAsync();
                await queue.SendMessageAsync("kept message");
                var table = new TableServiceClient(first.ConnectionString).GetTableClient(tableName);
                await table.CreateAsync();
                await table.AddEntityAsync(new TableEntity("history", "0001") { ["EventType"] = "ExecutionStarted" });
            }

            Assert.True(Directory.Exists(data));
            await using var second = await AzuriteServer.StartAsync(AzuriteFixture.Options(data));
            var blob = new BlobServiceClient(second.ConnectionString).GetBlobContainerClient(name).GetBlobClient("monitors/m1.json");
            var message = await new QueueServiceClient(second.ConnectionString).GetQueueClient(name).ReceiveMessageAsync();
            var entity = await new TableServiceClient(second.ConnectionString).GetTableClient(tableName).GetEntityAsync<TableEntity>("history", "0001");
            Assert.Equal("kept", (await blob.DownloadContentAsync()).Value.Content.ToString());
            Assert.Equal("kept message", message.Value?.MessageText);
            Assert.Equal("ExecutionStarted", entity.Value.GetString("EventType"));
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }
}

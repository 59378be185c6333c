using System.Net.Sockets;
using Meridian.Azurite;
using Meridian.Integration.Tests.FlyStandIn;
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
    public async Task A_data_directory_given_by_the_caller_is_kept_and_its_blobs_survive_a_restart()
    {
        var data = Directory.CreateTempSubdirectory("meridian-azurite-test-").FullName;
        try
        {
            var name = Containers.NewName();
            await using (var first = await AzuriteServer.StartAsync(AzuriteFixture.Options(data)))
            {
                var container = first.CreateBlobServiceClient().GetBlobContainerClient(name);
                await container.CreateAsync();
                await container.GetBlobClient("monitors/m1.json").UploadAsync(BinaryData.FromString("kept"));
            }

            Assert.True(Directory.Exists(data));
            await using var second = await AzuriteServer.StartAsync(AzuriteFixture.Options(data));
            var blob = second.CreateBlobServiceClient().GetBlobContainerClient(name).GetBlobClient("monitors/m1.json");
            Assert.Equal("kept", (await blob.DownloadContentAsync()).Value.Content.ToString());
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }
}

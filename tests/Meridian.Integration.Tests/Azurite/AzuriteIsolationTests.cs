using Meridian.Local.Azurite;
using Meridian.Testing.Storage;

namespace Meridian.Integration.Tests.Azurite;

public sealed class AzuriteIsolationTests
{
    [Fact]
    public async Task Two_servers_at_once_get_different_ports_and_share_no_data()
    {
        var both = await Task.WhenAll(
            AzuriteServer.StartAsync(AzuriteFixture.Options()),
            AzuriteServer.StartAsync(AzuriteFixture.Options()));
        await using var first = both[0];
        await using var second = both[1];
        var name = Containers.NewName();

        await first.CreateBlobServiceClient().CreateBlobContainerAsync(name);

        Assert.NotEqual(first.BlobEndpoint.Port, second.BlobEndpoint.Port);
        Assert.NotEqual(first.DataDirectory, second.DataDirectory);
        Assert.False(await second.CreateBlobServiceClient().GetBlobContainerClient(name).ExistsAsync());
    }
}

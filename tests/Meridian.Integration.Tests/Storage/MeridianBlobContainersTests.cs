using Meridian.Core.Storage;
using Meridian.Testing.Storage;

namespace Meridian.Integration.Tests.Storage;

public sealed class MeridianBlobContainersTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task Every_container_of_the_layout_is_created_and_a_second_start_up_changes_nothing()
    {
        var blobs = azurite.Server.CreateBlobServiceClient();

        await MeridianBlobContainers.EnsureCreatedAsync(blobs);
        await MeridianBlobContainers.EnsureCreatedAsync(blobs);

        var containers = await blobs.GetBlobContainersAsync().Select(container => container.Name).ToListAsync();
        Assert.Equal(BlobLayout.Containers.Order(StringComparer.Ordinal), containers.Order(StringComparer.Ordinal));
    }
}

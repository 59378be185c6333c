using Meridian.Contract.Targets;

namespace Meridian.Core.Tests.Contract.Targets;

public sealed class DnsHostResolverTests
{
    // "localhost" comes from the hosts file, so this needs no network.
    [Fact]
    public async Task Localhost_resolves_only_to_loopback_addresses()
    {
        var addresses = await new DnsHostResolver().ResolveAsync("localhost", CancellationToken.None);

        Assert.NotEmpty(addresses);
        Assert.All(addresses, address => Assert.Equal(IpAddressClassifier.Loopback, IpAddressClassifier.GetBlockReason(address)));
    }
}

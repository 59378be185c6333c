using System.Net;

namespace Meridian.Contract.Targets;

/// <summary>Resolves through the operating system's resolver (hosts file, then DNS).</summary>
public sealed class DnsHostResolver : IHostResolver
{
    public async Task<IReadOnlyList<IPAddress>> ResolveAsync(string host, CancellationToken cancellationToken) =>
        await Dns.GetHostAddressesAsync(host, cancellationToken);
}

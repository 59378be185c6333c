using System.Net.Sockets;
using System.Net;
using Meridian.Contract.Targets;

namespace Meridian.Core.Tests.Contract.Targets;

/// <summary>An in-memory DNS: names map to fixed addresses; any other name does not resolve.</summary>
internal sealed class FakeHostResolver : IHostResolver
{
    private readonly Dictionary<string, IPAddress[]> records = new(StringComparer.Ordinal);

    public List<string> Lookups { get; } = [];

    public FakeHostResolver Add(string host, params string[] addresses)
    {
        records[host] = [.. addresses.Select(IPAddress.Parse)];
        return this;
    }

    public Task<IReadOnlyList<IPAddress>> ResolveAsync(string host, CancellationToken cancellationToken)
    {
        Lookups.Add(host);
        return records.TryGetValue(host, out var addresses)
            ? Task.FromResult<IReadOnlyList<IPAddress>>(addresses)
            : Task.FromException<IReadOnlyList<IPAddress>>(new SocketException((int)SocketError.HostNotFound));
    }
}

/// <summary>A resolver that never answers and ignores cancellation, like a stuck OS resolver.</summary>
internal sealed class HangingHostResolver : IHostResolver
{
    public Task<IReadOnlyList<IPAddress>> ResolveAsync(string host, CancellationToken cancellationToken) =>
        new TaskCompletionSource<IReadOnlyList<IPAddress>>().Task;
}

using System.Net;

namespace Meridian.Contract.Targets;

/// <summary>Turns a host name into the addresses a client would connect to (a port, so tests need no DNS).</summary>
public interface IHostResolver
{
    /// <summary>Every address of <paramref name="host"/>, IPv4 and IPv6.</summary>
    /// <exception cref="System.Net.Sockets.SocketException">The name does not resolve.</exception>
    Task<IReadOnlyList<IPAddress>> ResolveAsync(string host, CancellationToken cancellationToken);
}

using System.Net;
using System.Net.Sockets;

namespace Meridian.Contract.Targets;

/// <summary>
/// A <see cref="SocketsHttpHandler.ConnectCallback"/> that resolves the host itself and connects only to
/// addresses the target guard allows: the address checked is the address connected to, so a DNS
/// answer that changes between a check and the connection (rebinding) cannot lead a request from
/// this app into a private network. For requests the app makes itself (alert webhooks).
/// </summary>
public static class GuardedConnect
{
    /// <param name="allowPrivateTargets">The local host's setting: then any address is allowed.</param>
    public static Func<SocketsHttpConnectionContext, CancellationToken, ValueTask<Stream>> Callback(IHostResolver resolver, bool allowPrivateTargets)
    {
        ArgumentNullException.ThrowIfNull(resolver);
        return async (context, cancellationToken) =>
        {
            var host = context.DnsEndPoint.Host;
            IReadOnlyList<IPAddress> addresses = IPAddress.TryParse(host.Trim('[', ']'), out var literal)
                ? [literal]
                : await resolver.ResolveAsync(host, cancellationToken);
            if (!allowPrivateTargets && addresses.FirstOrDefault(address => IpAddressClassifier.GetBlockReason(address) is not null) is { } blocked)
            {
                // One private address among public ones is refused, as the guard refuses it.
                throw new HttpRequestException($"'{host}' resolves to {blocked}, which is not a public address; not connecting.");
            }

            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(addresses.ToArray(), context.DnsEndPoint.Port, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        };
    }
}

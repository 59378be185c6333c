using System.Net;
using System.Net.Sockets;

namespace Meridian.Contract.Targets;

/// <summary>
/// Refuses audit targets that would let a user make our machines fetch something private (SSRF):
/// the audit runs Chrome on a Fly machine, inside Fly's private network and next to cloud metadata
/// services. Checks, in order, an IP literal (in any spelling), the host name's suffix, then every
/// address the name resolves to, since one private address among public ones is enough to reach it.
/// </summary>
/// <remarks>
/// This is a check at request time. Chrome resolves again when it fetches, so a name whose DNS
/// answer changes in between (rebinding), or a public page that redirects inward, is not stopped
/// here; that needs egress rules on the worker machines.
/// </remarks>
public sealed class TargetGuard
{
    public static readonly TimeSpan DefaultResolveTimeout = TimeSpan.FromSeconds(5);

    private const string PublicOnly = "Audits may only target public addresses.";

    private readonly IHostResolver resolver;
    private readonly bool allowPrivateTargets;
    private readonly TimeSpan resolveTimeout;

    public TargetGuard(IHostResolver resolver, TargetGuardOptions options)
        : this(resolver, options, DefaultResolveTimeout)
    {
    }

    internal TargetGuard(IHostResolver resolver, TargetGuardOptions options, TimeSpan resolveTimeout)
    {
        ArgumentNullException.ThrowIfNull(resolver);
        ArgumentNullException.ThrowIfNull(options);
        this.resolver = resolver;
        allowPrivateTargets = options.AllowPrivateTargets;
        this.resolveTimeout = resolveTimeout;
    }

    /// <summary>Checks the host of an absolute URL. Returns one message per problem; empty means allowed.</summary>
    public Task<IReadOnlyList<string>> CheckAsync(Uri target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (!target.IsAbsoluteUri)
        {
            throw new ArgumentException("The target must be an absolute URL.", nameof(target));
        }

        return CheckHostAsync(BrowserHost.Of(target), cancellationToken);
    }

    /// <summary>
    /// Checks a host as written in a URL: a name, an IPv4 address in any browser-accepted spelling,
    /// or an IPv6 address with or without brackets. Returns one message per problem; empty means allowed.
    /// </summary>
    public async Task<IReadOnlyList<string>> CheckHostAsync(string host, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(host);

        // Set only by the local host, which audits pages it serves itself on 127.0.0.1.
        if (allowPrivateTargets)
        {
            return [];
        }

        var name = BlockedHostNames.Normalize(host.Trim('[', ']'));
        if (name.Length == 0)
        {
            return ["The URL has no host."];
        }

        if (name.Contains(':', StringComparison.Ordinal))
        {
            return IPAddress.TryParse(name, out var ipv6)
                ? CheckLiteral(host, ipv6)
                : [$"The host '{host}' is not a valid IPv6 address."];
        }

        if (Ipv4Literal.TryParse(name, out var ipv4))
        {
            return CheckLiteral(host, ipv4);
        }

        if (BlockedHostNames.GetBlockReason(name) is { } nameReason)
        {
            return [$"The host '{host}' is not allowed: {nameReason}. Audits may only target public hosts."];
        }

        return await CheckResolvedAsync(host, name, cancellationToken);
    }

    private static IReadOnlyList<string> CheckLiteral(string host, IPAddress address)
    {
        if (IpAddressClassifier.GetBlockReason(address) is not { } reason)
        {
            return [];
        }

        // Name the spelling the user wrote when it is not the usual one, or "2130706433" would
        // come back as a mysterious complaint about 127.0.0.1.
        var usual = address.ToString();
        var written = host.Trim('[', ']').TrimEnd('.');
        return string.Equals(written, usual, StringComparison.OrdinalIgnoreCase)
            ? [$"The address {usual} is not allowed: {reason}. {PublicOnly}"]
            : [$"The host '{host}' is the address {usual}, which is not allowed: {reason}. {PublicOnly}"];
    }

    private async Task<IReadOnlyList<string>> CheckResolvedAsync(string host, string name, CancellationToken cancellationToken)
    {
        IReadOnlyList<IPAddress> addresses;
        try
        {
            // Two bounds: the token asks the resolver to stop, and WaitAsync stops waiting for a
            // resolver that ignores it (the OS resolver cannot always be interrupted).
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(resolveTimeout);
            addresses = await resolver.ResolveAsync(name, timeout.Token).WaitAsync(resolveTimeout, cancellationToken);
        }
        catch (Exception ex) when (ex is TimeoutException
            || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return [$"The host '{host}' did not resolve within {resolveTimeout.TotalSeconds:0.#} seconds; try again later."];
        }
        catch (Exception ex) when (ex is SocketException or ArgumentException)
        {
            return [$"The host '{host}' could not be resolved; check the spelling of the URL."];
        }

        if (addresses.Count == 0)
        {
            return [$"The host '{host}' has no IP address."];
        }

        // Every address, not the first: a client may connect to any of them.
        return
        [
            .. addresses
                .Distinct()
                .Select(address => (Address: address, Reason: IpAddressClassifier.GetBlockReason(address)))
                .Where(check => check.Reason is not null)
                .Select(check => $"The host '{host}' resolves to {check.Address}, which is not allowed: {check.Reason}. {PublicOnly}"),
        ];
    }
}

using System.Net;
using System.Net.Sockets;

namespace Meridian.Contract.Targets;

/// <summary>
/// Says whether an audit may target an IP address and, when it may not, why. Audits run Chrome on
/// Fly machines that sit on Fly's private network and next to cloud metadata services, so anything
/// that is not a plain public unicast address is refused.
/// </summary>
public static class IpAddressClassifier
{
    public const string Unspecified = "unspecified";
    public const string Loopback = "loopback";
    public const string Private = "private (RFC 1918)";
    public const string LinkLocal = "link-local";
    public const string CarrierGradeNat = "carrier-grade NAT";
    public const string Multicast = "multicast";
    public const string UniqueLocal = "IPv6 unique-local (includes Fly's fdaa::/16 private network)";
    public const string CloudMetadata = "cloud metadata service";
    public const string Documentation = "documentation";
    public const string As112 = "AS112 reverse-DNS sink";

    // Checked before the ranges because most of them lie inside one (link-local, CGNAT, unique-local)
    // and "cloud metadata service" is the more useful reason.
    private static readonly HashSet<IPAddress> MetadataAddresses =
    [
        IPAddress.Parse("169.254.169.254"), // AWS, Azure, GCP, Oracle, DigitalOcean...
        IPAddress.Parse("169.254.170.2"), // AWS ECS task metadata and credentials
        IPAddress.Parse("100.100.100.200"), // Alibaba Cloud
        IPAddress.Parse("168.63.129.16"), // Azure WireServer: a public-looking address only Azure hosts reach
        IPAddress.Parse("fd00:ec2::254"), // AWS over IPv6
    ];

    // Every block of IANA's IPv4 Special-Purpose Address Registry (plus multicast), with the
    // registry's own name where no shorter reason reads better. Some are "globally reachable"
    // (anycast relays, AS112), yet none of them serves a web page worth auditing. First match wins,
    // so narrower blocks come before the blocks that contain them.
    private static readonly (IPNetwork Network, string Reason)[] Ipv4Ranges =
    [
        (IPNetwork.Parse("0.0.0.0/32"), Unspecified),
        (IPNetwork.Parse("255.255.255.255/32"), "broadcast"),
        (IPNetwork.Parse("0.0.0.0/8"), "'this network' (0.0.0.0/8)"),
        (IPNetwork.Parse("10.0.0.0/8"), Private),
        (IPNetwork.Parse("172.16.0.0/12"), Private),
        (IPNetwork.Parse("192.168.0.0/16"), Private),
        (IPNetwork.Parse("100.64.0.0/10"), CarrierGradeNat),
        (IPNetwork.Parse("127.0.0.0/8"), Loopback),
        (IPNetwork.Parse("169.254.0.0/16"), LinkLocal),
        (IPNetwork.Parse("192.0.0.0/24"), "IETF protocol assignments"),
        (IPNetwork.Parse("192.0.2.0/24"), Documentation),
        (IPNetwork.Parse("198.51.100.0/24"), Documentation),
        (IPNetwork.Parse("203.0.113.0/24"), Documentation),
        (IPNetwork.Parse("198.18.0.0/15"), "benchmarking"),
        (IPNetwork.Parse("192.31.196.0/24"), As112),
        (IPNetwork.Parse("192.175.48.0/24"), As112),
        (IPNetwork.Parse("192.52.193.0/24"), "automatic multicast tunnelling (AMT)"),
        (IPNetwork.Parse("192.88.99.0/24"), "6to4 relay anycast (deprecated)"),
        (IPNetwork.Parse("224.0.0.0/4"), Multicast),
        (IPNetwork.Parse("240.0.0.0/4"), "reserved (240.0.0.0/4)"),
    ];

    // Every block of IANA's IPv6 Special-Purpose Address Registry, plus multicast and the deprecated
    // site-local and IPv4-compatible forms. IPv4-mapped and NAT64 addresses are judged apart, by the
    // IPv4 address inside (see GetIpv6BlockReason).
    private static readonly (IPNetwork Network, string Reason)[] Ipv6Ranges =
    [
        (IPNetwork.Parse("::/128"), Unspecified),
        (IPNetwork.Parse("::1/128"), Loopback),
        (IPNetwork.Parse("::/96"), "IPv4-compatible IPv6 (deprecated)"),
        (IPNetwork.Parse("::ffff:0:0:0/96"), "IPv4-translated IPv6 (SIIT)"),
        (IPNetwork.Parse("64:ff9b:1::/48"), "local-use NAT64"),
        (IPNetwork.Parse("100::/64"), "discard-only"),
        (IPNetwork.Parse("100:0:0:1::/64"), "dummy IPv6 prefix"),
        (IPNetwork.Parse("2001::/32"), "Teredo tunnelling"),
        (IPNetwork.Parse("2001:2::/48"), "benchmarking"),
        (IPNetwork.Parse("2001:3::/32"), "automatic multicast tunnelling (AMT)"),
        (IPNetwork.Parse("2001:4:112::/48"), As112),
        (IPNetwork.Parse("2001:10::/28"), "ORCHID (deprecated)"),
        (IPNetwork.Parse("2001:20::/28"), "ORCHIDv2"),
        (IPNetwork.Parse("2001:30::/28"), "drone remote ID"),
        (IPNetwork.Parse("2001:db8::/32"), Documentation),
        (IPNetwork.Parse("2001::/23"), "IETF protocol assignments"),
        (IPNetwork.Parse("2002::/16"), "6to4 tunnelling"),
        (IPNetwork.Parse("2620:4f:8000::/48"), As112),
        (IPNetwork.Parse("3fff::/20"), Documentation),
        (IPNetwork.Parse("5f00::/16"), "segment routing (SRv6) SIDs"),
        (IPNetwork.Parse("fc00::/7"), UniqueLocal),
        (IPNetwork.Parse("fec0::/10"), "site-local (deprecated)"),
        (IPNetwork.Parse("fe80::/10"), LinkLocal),
        (IPNetwork.Parse("ff00::/8"), Multicast),
    ];

    private static readonly IPNetwork Nat64 = IPNetwork.Parse("64:ff9b::/96");

    /// <summary>Why <paramref name="address"/> may not be audited, or null if it is public.</summary>
    public static string? GetBlockReason(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        address = WithoutScope(address);

        if (MetadataAddresses.Contains(address))
        {
            return CloudMetadata;
        }

        return address.AddressFamily switch
        {
            AddressFamily.InterNetwork => Match(Ipv4Ranges, address),
            AddressFamily.InterNetworkV6 => GetIpv6BlockReason(address),
            _ => "not an IP address",
        };
    }

    public static bool IsPublic(IPAddress address) => GetBlockReason(address) is null;

    private static string? GetIpv6BlockReason(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            return Embedded("IPv4-mapped IPv6", address.MapToIPv4());
        }

        // The well-known NAT64 prefix reaches the IPv4 address inside through a gateway, so a private
        // one inside is as bad as the bare one. 6to4 and Teredo are refused whole (see the table):
        // their relays are deprecated, and a tunnel is never where a public page lives.
        if (Nat64.Contains(address))
        {
            return Embedded("NAT64", new IPAddress(address.GetAddressBytes().AsSpan(12, 4)));
        }

        return Match(Ipv6Ranges, address);
    }

    private static string? Embedded(string kind, IPAddress inner) =>
        GetBlockReason(inner) is { } reason ? $"{kind} of {reason}" : null;

    private static string? Match((IPNetwork Network, string Reason)[] ranges, IPAddress address)
    {
        foreach (var (network, reason) in ranges)
        {
            if (network.Contains(address))
            {
                return reason;
            }
        }

        return null;
    }

    // A zone index ("fe80::1%eth0") says which interface to use, not which address: drop it so
    // that set lookups compare addresses only.
    private static IPAddress WithoutScope(IPAddress address) =>
        address.AddressFamily == AddressFamily.InterNetworkV6 && address.ScopeId != 0
            ? new IPAddress(address.GetAddressBytes())
            : address;
}

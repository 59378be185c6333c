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

    // First match wins, so narrower ranges come before the ranges that contain them.
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
        (IPNetwork.Parse("192.0.2.0/24"), "documentation"),
        (IPNetwork.Parse("198.51.100.0/24"), "documentation"),
        (IPNetwork.Parse("203.0.113.0/24"), "documentation"),
        (IPNetwork.Parse("198.18.0.0/15"), "benchmarking"),
        (IPNetwork.Parse("224.0.0.0/4"), Multicast),
        (IPNetwork.Parse("240.0.0.0/4"), "reserved (240.0.0.0/4)"),
    ];

    private static readonly (IPNetwork Network, string Reason)[] Ipv6Ranges =
    [
        (IPNetwork.Parse("::/128"), Unspecified),
        (IPNetwork.Parse("::1/128"), Loopback),
        (IPNetwork.Parse("::/96"), "IPv4-compatible IPv6 (deprecated)"),
        (IPNetwork.Parse("64:ff9b:1::/48"), "local-use NAT64"),
        (IPNetwork.Parse("100::/64"), "discard-only"),
        (IPNetwork.Parse("2001:db8::/32"), "documentation"),
        (IPNetwork.Parse("fc00::/7"), UniqueLocal),
        (IPNetwork.Parse("fec0::/10"), "site-local (deprecated)"),
        (IPNetwork.Parse("fe80::/10"), LinkLocal),
        (IPNetwork.Parse("ff00::/8"), Multicast),
    ];

    private static readonly IPNetwork Nat64 = IPNetwork.Parse("64:ff9b::/96");
    private static readonly IPNetwork SixToFour = IPNetwork.Parse("2002::/16");
    private static readonly IPNetwork Teredo = IPNetwork.Parse("2001::/32");

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

        // Transition prefixes carry an IPv4 address inside; where a relay or gateway exists,
        // traffic reaches that IPv4 address, so a private one inside is as bad as the bare one.
        var bytes = address.GetAddressBytes();
        var embedded =
            Nat64.Contains(address) ? Embedded("NAT64", new IPAddress(bytes.AsSpan(12, 4))) :
            SixToFour.Contains(address) ? Embedded("6to4", new IPAddress(bytes.AsSpan(2, 4))) :
            Teredo.Contains(address) ? Embedded("Teredo", TeredoClient(bytes)) :
            null;

        return embedded ?? Match(Ipv6Ranges, address);
    }

    private static string? Embedded(string kind, IPAddress inner) =>
        GetBlockReason(inner) is { } reason ? $"{kind} of {reason}" : null;

    // Teredo stores the client's public IPv4 address in the last 32 bits, every bit inverted.
    private static IPAddress TeredoClient(byte[] bytes) =>
        new([(byte)~bytes[12], (byte)~bytes[13], (byte)~bytes[14], (byte)~bytes[15]]);

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

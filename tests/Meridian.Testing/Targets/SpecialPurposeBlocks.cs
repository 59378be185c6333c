using System.Net;
using Meridian.Contract.Targets;

namespace Meridian.Testing.Targets;

/// <summary>
/// Every block of IANA's IPv4 and IPv6 Special-Purpose Address Registries (as of 2026), plus
/// multicast and the deprecated IPv6 forms, with the reason an audit of it is refused: the guard's
/// table-driven test and the hostile-input campaign read the same list.
/// </summary>
public static class SpecialPurposeBlocks
{
    public static IReadOnlyList<(string Block, string Reason)> All { get; } =
    [
        // IPv4 registry
        ("0.0.0.0/8", "'this network' (0.0.0.0/8)"),
        ("0.0.0.0/32", IpAddressClassifier.Unspecified),
        ("10.0.0.0/8", IpAddressClassifier.Private),
        ("100.64.0.0/10", IpAddressClassifier.CarrierGradeNat),
        ("127.0.0.0/8", IpAddressClassifier.Loopback),
        ("169.254.0.0/16", IpAddressClassifier.LinkLocal),
        ("172.16.0.0/12", IpAddressClassifier.Private),
        ("192.0.0.0/24", "IETF protocol assignments"),
        ("192.0.0.0/29", "IETF protocol assignments"), // DS-Lite
        ("192.0.0.8/32", "IETF protocol assignments"), // IPv4 dummy address
        ("192.0.0.9/32", "IETF protocol assignments"), // PCP anycast
        ("192.0.0.10/32", "IETF protocol assignments"), // TURN anycast
        ("192.0.0.170/31", "IETF protocol assignments"), // NAT64/DNS64 discovery
        ("192.0.2.0/24", IpAddressClassifier.Documentation),
        ("192.31.196.0/24", IpAddressClassifier.As112),
        ("192.52.193.0/24", "automatic multicast tunnelling (AMT)"),
        ("192.88.99.0/24", "6to4 relay anycast (deprecated)"),
        ("192.168.0.0/16", IpAddressClassifier.Private),
        ("192.175.48.0/24", IpAddressClassifier.As112),
        ("198.18.0.0/15", "benchmarking"),
        ("198.51.100.0/24", IpAddressClassifier.Documentation),
        ("203.0.113.0/24", IpAddressClassifier.Documentation),
        ("240.0.0.0/4", "reserved (240.0.0.0/4)"),
        ("255.255.255.255/32", "broadcast"),
        ("224.0.0.0/4", IpAddressClassifier.Multicast),

        // IPv6 registry
        ("::1/128", IpAddressClassifier.Loopback),
        ("::/128", IpAddressClassifier.Unspecified),
        // ::ffff:0:0/96 (IPv4-mapped) is judged by the IPv4 address inside: IpAddressClassifierTests.
        ("::ffff:0:0:0/96", "IPv4-translated IPv6 (SIIT)"),
        ("64:ff9b:1::/48", "local-use NAT64"),
        ("100::/64", "discard-only"),
        ("100:0:0:1::/64", "dummy IPv6 prefix"),
        ("2001::/23", "IETF protocol assignments"),
        ("2001::/32", "Teredo tunnelling"),
        ("2001:1::1/128", "IETF protocol assignments"), // PCP anycast
        ("2001:1::2/128", "IETF protocol assignments"), // TURN anycast
        ("2001:1::3/128", "IETF protocol assignments"), // DNS-SD SRP anycast
        ("2001:2::/48", "benchmarking"),
        ("2001:3::/32", "automatic multicast tunnelling (AMT)"),
        ("2001:4:112::/48", IpAddressClassifier.As112),
        ("2001:10::/28", "ORCHID (deprecated)"),
        ("2001:20::/28", "ORCHIDv2"),
        ("2001:30::/28", "drone remote ID"),
        ("2001:db8::/32", IpAddressClassifier.Documentation),
        ("2002::/16", "6to4 tunnelling"),
        ("2620:4f:8000::/48", IpAddressClassifier.As112),
        ("3fff::/20", IpAddressClassifier.Documentation),
        ("5f00::/16", "segment routing (SRv6) SIDs"),
        ("fc00::/7", IpAddressClassifier.UniqueLocal),
        ("fe80::/10", IpAddressClassifier.LinkLocal),
        ("ff00::/8", IpAddressClassifier.Multicast),
        ("fec0::/10", "site-local (deprecated)"),
        ("::/96", "IPv4-compatible IPv6 (deprecated)"),
    ];

    /// <summary>
    /// The block's first address with the bit after the prefix set: inside the block, and past any
    /// narrower block that starts where it does.
    /// </summary>
    public static IPAddress Middle(string block)
    {
        var network = IPNetwork.Parse(block);
        var bytes = network.BaseAddress.GetAddressBytes();
        var prefix = network.PrefixLength;
        if (prefix < bytes.Length * 8)
        {
            bytes[prefix / 8] |= (byte)(0x80 >> (prefix % 8));
        }

        return new IPAddress(bytes);
    }
}

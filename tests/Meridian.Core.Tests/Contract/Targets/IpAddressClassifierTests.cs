using System.Net;
using Meridian.Contract.Targets;

namespace Meridian.Core.Tests.Contract.Targets;

public sealed class IpAddressClassifierTests
{
    [Theory]
    [InlineData("127.0.0.1", IpAddressClassifier.Loopback)]
    [InlineData("127.255.255.254", IpAddressClassifier.Loopback)]
    [InlineData("::1", IpAddressClassifier.Loopback)]
    [InlineData("10.0.0.1", IpAddressClassifier.Private)]
    [InlineData("172.16.0.1", IpAddressClassifier.Private)]
    [InlineData("172.31.255.255", IpAddressClassifier.Private)]
    [InlineData("192.168.1.1", IpAddressClassifier.Private)]
    [InlineData("169.254.0.1", IpAddressClassifier.LinkLocal)]
    [InlineData("fe80::1", IpAddressClassifier.LinkLocal)]
    [InlineData("fe80::1%2", IpAddressClassifier.LinkLocal)]
    [InlineData("100.64.0.1", IpAddressClassifier.CarrierGradeNat)]
    [InlineData("100.127.255.255", IpAddressClassifier.CarrierGradeNat)]
    [InlineData("224.0.0.1", IpAddressClassifier.Multicast)]
    [InlineData("239.255.255.250", IpAddressClassifier.Multicast)]
    [InlineData("ff02::1", IpAddressClassifier.Multicast)]
    [InlineData("0.0.0.0", IpAddressClassifier.Unspecified)]
    [InlineData("::", IpAddressClassifier.Unspecified)]
    [InlineData("fc00::1", IpAddressClassifier.UniqueLocal)]
    [InlineData("fd12:3456::1", IpAddressClassifier.UniqueLocal)]
    [InlineData("169.254.169.254", IpAddressClassifier.CloudMetadata)]
    [InlineData("169.254.170.2", IpAddressClassifier.CloudMetadata)]
    [InlineData("100.100.100.200", IpAddressClassifier.CloudMetadata)]
    [InlineData("168.63.129.16", IpAddressClassifier.CloudMetadata)]
    [InlineData("fd00:ec2::254", IpAddressClassifier.CloudMetadata)]
    [InlineData("255.255.255.255", "broadcast")]
    [InlineData("0.1.2.3", "'this network' (0.0.0.0/8)")]
    [InlineData("240.0.0.1", "reserved (240.0.0.0/4)")]
    [InlineData("198.18.0.1", "benchmarking")]
    [InlineData("198.19.255.255", "benchmarking")]
    [InlineData("192.0.2.1", "documentation")]
    [InlineData("2001:db8::1", "documentation")]
    [InlineData("192.0.0.8", "IETF protocol assignments")]
    [InlineData("fec0::1", "site-local (deprecated)")]
    [InlineData("::127.0.0.1", "IPv4-compatible IPv6 (deprecated)")]
    [InlineData("100::1", "discard-only")]
    [InlineData("64:ff9b:1::a00:1", "local-use NAT64")]
    public void Every_blocked_category_is_named(string address, string reason)
    {
        Assert.Equal(reason, IpAddressClassifier.GetBlockReason(IPAddress.Parse(address)));
    }

    [Theory]
    [InlineData("fdaa::1")]
    [InlineData("fdaa:0:1:a7b:1d0:6a9b:7c2c:2")] // the shape of a Fly machine's private_ip
    [InlineData("fdaa:ffff:ffff:ffff:ffff:ffff:ffff:ffff")]
    public void Fly_private_network_addresses_are_blocked_as_unique_local(string address)
    {
        Assert.Equal(IpAddressClassifier.UniqueLocal, IpAddressClassifier.GetBlockReason(IPAddress.Parse(address)));
    }

    [Theory]
    [InlineData("::ffff:10.0.0.1", "IPv4-mapped IPv6 of private (RFC 1918)")]
    [InlineData("::ffff:127.0.0.1", "IPv4-mapped IPv6 of loopback")]
    [InlineData("::ffff:7f00:1", "IPv4-mapped IPv6 of loopback")]
    [InlineData("::ffff:169.254.169.254", "IPv4-mapped IPv6 of cloud metadata service")]
    [InlineData("::ffff:0.0.0.0", "IPv4-mapped IPv6 of unspecified")]
    public void IPv4_mapped_IPv6_is_judged_by_the_IPv4_address_inside(string address, string reason)
    {
        Assert.Equal(reason, IpAddressClassifier.GetBlockReason(IPAddress.Parse(address)));
    }

    [Theory]
    [InlineData("64:ff9b::10.0.0.1", "NAT64 of private (RFC 1918)")]
    [InlineData("64:ff9b::169.254.169.254", "NAT64 of cloud metadata service")]
    [InlineData("2002:7f00:1::1", "6to4 tunnelling")]
    [InlineData("2001:0:4136:e378:8000:63bf:f5ff:fffe", "Teredo tunnelling")] // client 10.0.0.1, inverted
    public void NAT64_addresses_are_judged_by_the_IPv4_address_inside_and_tunnels_refused(string address, string reason)
    {
        Assert.Equal(reason, IpAddressClassifier.GetBlockReason(IPAddress.Parse(address)));
    }

    [Theory]
    [InlineData("93.184.215.14")]
    [InlineData("1.1.1.1")]
    [InlineData("8.8.8.8")]
    [InlineData("172.15.255.255")] // just below 172.16/12
    [InlineData("172.32.0.0")] // just above it
    [InlineData("100.63.255.255")] // just below CGNAT
    [InlineData("100.128.0.0")] // just above it
    [InlineData("169.255.0.1")]
    [InlineData("2606:4700::1111")]
    [InlineData("2a00:1450:4001:80b::200e")]
    [InlineData("::ffff:93.184.215.14")] // mapped, but public inside
    [InlineData("64:ff9b::93.184.215.14")]
    [InlineData("fe00::1")] // outside both fc00::/7 and fe80::/10
    public void Public_addresses_are_allowed(string address)
    {
        Assert.Null(IpAddressClassifier.GetBlockReason(IPAddress.Parse(address)));
        Assert.True(IpAddressClassifier.IsPublic(IPAddress.Parse(address)));
    }
}

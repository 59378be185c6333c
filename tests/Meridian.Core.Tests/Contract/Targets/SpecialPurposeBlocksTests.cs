using System.Net;
using Meridian.Contract.Targets;
using Meridian.Testing.Targets;

namespace Meridian.Core.Tests.Contract.Targets;

/// <summary>
/// Each block of <see cref="SpecialPurposeBlocks"/> with the reason an audit of it is refused. An
/// address in the middle of each block is checked, so a block that is narrower than listed fails too.
/// </summary>
public sealed class SpecialPurposeBlocksTests
{
    public static TheoryData<string, string> Blocks()
    {
        var data = new TheoryData<string, string>();
        foreach (var (block, reason) in SpecialPurposeBlocks.All)
        {
            data.Add(block, reason);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Blocks))]
    public void Each_special_purpose_block_is_refused_with_its_reason(string block, string reason)
    {
        var middle = SpecialPurposeBlocks.Middle(block);

        Assert.Equal(reason, IpAddressClassifier.GetBlockReason(middle));
    }

    [Theory]
    [InlineData("::ffff:0:7f00:1", "IPv4-translated IPv6 (SIIT)")] // 127.0.0.1 inside
    [InlineData("::ffff:0:a9fe:a9fe", "IPv4-translated IPv6 (SIIT)")] // 169.254.169.254 inside
    [InlineData("::ffff:0:10.0.0.1", "IPv4-translated IPv6 (SIIT)")]
    [InlineData("::ffff:0:93.184.215.14", "IPv4-translated IPv6 (SIIT)")] // refused even with a public inside
    [InlineData("2002:5db8:d70e::1", "6to4 tunnelling")] // 6to4 of a public address
    [InlineData("2001:0:4136:e378:8000:63bf:a247:28f1", "Teredo tunnelling")]
    public void The_spellings_seen_getting_through_are_refused(string address, string reason)
    {
        Assert.Equal(reason, IpAddressClassifier.GetBlockReason(IPAddress.Parse(address)));
    }

    [Theory]
    [InlineData("2001:200::1")] // just past 2001::/23 (WIDE, Japan)
    [InlineData("2620:4f:8001::1")] // just past the AS112 delegation
    [InlineData("3fff:1000::1")] // just past 3fff::/20
    [InlineData("192.0.1.1")]
    [InlineData("192.88.98.255")]
    [InlineData("::ffff:1:7f00:1")] // not IPv4-translated: word 6 is 1, not 0
    public void Addresses_just_outside_a_block_are_public(string address)
    {
        Assert.Null(IpAddressClassifier.GetBlockReason(IPAddress.Parse(address)));
    }
}

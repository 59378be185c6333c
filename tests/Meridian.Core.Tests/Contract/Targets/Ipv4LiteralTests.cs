using System.Net;
using Meridian.Contract.Targets;

namespace Meridian.Core.Tests.Contract.Targets;

public sealed class Ipv4LiteralTests
{
    [Theory]
    [InlineData("127.0.0.1", "127.0.0.1")]
    [InlineData("2130706433", "127.0.0.1")] // one decimal part: the whole 32 bits
    [InlineData("0177.0.0.1", "127.0.0.1")] // leading zero: octal
    [InlineData("0x7f.1", "127.0.0.1")] // hex, then the last part fills three bytes
    [InlineData("0X7F.0.0.1", "127.0.0.1")]
    [InlineData("127.1", "127.0.0.1")]
    [InlineData("127.0.1", "127.0.0.1")]
    [InlineData("0x7f000001", "127.0.0.1")]
    [InlineData("017700000001", "127.0.0.1")]
    [InlineData("0xa.0.0.1", "10.0.0.1")]
    [InlineData("0xA9FEA9FE", "169.254.169.254")]
    [InlineData("169.254.43518", "169.254.169.254")]
    [InlineData("0", "0.0.0.0")]
    [InlineData("0x", "0.0.0.0")] // browsers read a bare "0x" as zero
    [InlineData("127.0.0.1.", "127.0.0.1")] // fully qualified form, which Uri leaves as a DNS name
    [InlineData("4294967295", "255.255.255.255")]
    [InlineData("93.184.215.14", "93.184.215.14")]
    public void Decimal_octal_and_hex_spellings_are_read_as_the_address_a_browser_would_connect_to(string host, string expected)
    {
        Assert.True(Ipv4Literal.TryParse(host, out var address));
        Assert.Equal(IPAddress.Parse(expected), address);
    }

    [Theory]
    [InlineData("")]
    [InlineData("example.com")]
    [InlineData("1.2.3.4.5")] // five parts
    [InlineData("256.0.0.1")] // a leading part over one byte
    [InlineData("1.2.65536")] // the last part over its two bytes
    [InlineData("4294967296")] // over 32 bits
    [InlineData("99999999999999999999999")] // would overflow a 64-bit accumulator
    [InlineData("08.0.0.1")] // 8 is not an octal digit
    [InlineData("0xg.0.0.1")]
    [InlineData("1..2.3")]
    [InlineData(".1.2.3")]
    [InlineData("127.0.0.1..")]
    [InlineData("+1.2.3.4")]
    [InlineData("-1")]
    [InlineData("1.2.3.4a")]
    [InlineData("::1")]
    public void Strings_that_are_not_an_IPv4_literal_are_not_parsed(string host)
    {
        Assert.False(Ipv4Literal.TryParse(host, out _));
    }
}

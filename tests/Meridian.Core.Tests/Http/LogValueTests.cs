using Meridian.Core.Http;

namespace Meridian.Core.Tests.Http;

public sealed class LogValueTests
{
    [Theory]
    [InlineData("0190a1b2c3d47000a000000000000000", "0190a1b2c3d47000a000000000000000")]
    [InlineData("abc\nINFO forged line", "abc\\u000aINFO forged line")]
    [InlineData("abc\r\n", "abc\\u000d\\u000a")]
    [InlineData("\u001b[31mred", "\\u001b[31mred")]
    [InlineData("a\u202Eevil", "a\\u202eevil")]
    [InlineData("a\u2066b\u2069", "a\\u2066b\\u2069")]
    [InlineData("nul\0", "nul\\u0000")]
    [InlineData("zero\u200Bwidth", "zero\\u200bwidth")]
    [InlineData("line\u2028sep", "line\\u2028sep")]
    [InlineData("c1\u0085", "c1\\u0085")]
    [InlineData("iad", "iad")]
    [InlineData("élan", "élan")]
    public void Control_format_and_bidi_characters_are_escaped(string raw, string logged)
    {
        Assert.Equal(logged, LogValue.Of(raw));
    }

    [Fact]
    public void A_long_value_is_cut_and_says_how_long_it_was()
    {
        var logged = LogValue.Of(new string('a', 5000));

        Assert.Equal(new string('a', LogValue.MaxLength) + "… (5,000 characters)", logged);
    }

    [Fact]
    public void No_value_is_shown_as_none()
    {
        Assert.Equal("(none)", LogValue.Of(null));
    }
}

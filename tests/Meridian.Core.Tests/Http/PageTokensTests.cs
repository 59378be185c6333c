using Meridian.Core.Configuration;
using Meridian.Core.Http;
using Microsoft.Extensions.Options;

namespace Meridian.Core.Tests.Http;

public sealed class PageTokensTests
{
    private readonly PageTokens tokens = With(new byte[32]);

    [Fact]
    public void A_sealed_position_opens_to_itself_in_the_same_listing()
    {
        var token = tokens.Seal("monitors", "2!96!MDAwMDExIW1vbml0b3Jz")!;

        Assert.True(tokens.TryOpen("monitors", token, out var position));
        Assert.Equal("2!96!MDAwMDExIW1vbml0b3Jz", position);
        Assert.DoesNotContain('!', token);
    }

    [Fact]
    public void The_last_page_has_no_token()
    {
        Assert.Null(tokens.Seal("audits", null));
    }

    [Fact]
    public void A_token_of_one_listing_does_not_open_in_another()
    {
        var token = tokens.Seal("audits", "position")!;

        Assert.False(tokens.TryOpen("monitors", token, out _));
    }

    [Fact]
    public void A_token_sealed_with_another_key_does_not_open()
    {
        var other = With([.. Enumerable.Repeat((byte)7, 32)]).Seal("audits", "position")!;

        Assert.False(tokens.TryOpen("audits", other, out _));
    }

    [Fact]
    public void An_edited_token_does_not_open()
    {
        var token = tokens.Seal("audits", "position-one")!;
        var edited = token[..^1] + (token[^1] == 'A' ? 'B' : 'A');

        Assert.False(tokens.TryOpen("audits", edited, out _));
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("\0")]
    [InlineData("eyJ4IjoxfQ")]
    [InlineData("2!96!garbage/../../audits")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAA")] // a tag's length and nothing after it
    public void Tokens_this_api_never_gave_do_not_open(string token)
    {
        Assert.False(tokens.TryOpen("audits", token, out _));
    }

    [Fact]
    public void A_token_over_the_limit_is_refused_unread()
    {
        Assert.False(tokens.TryOpen("audits", new string('A', PageTokens.MaxLength + 1), out _));
    }

    private static PageTokens With(byte[] masterKey) =>
        new(Options.Create(new MeridianOptions { CallbackSigningKey = Convert.ToBase64String(masterKey), CallbackBaseUrl = new Uri("https://meridian.example/") }));
}

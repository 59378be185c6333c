using Meridian.Contract.Delivery;

namespace Meridian.Core.Tests.Contract.Delivery;

public class CallbackSigningKeyTests
{
    private static readonly byte[] Master = [.. Enumerable.Range(0, 32).Select(i => (byte)(i * 7))];

    [Fact]
    public void Derivation_is_stable_so_the_app_can_derive_the_key_again_to_verify() =>
        Assert.Equal(CallbackSigningKey.Derive(Master, "audit-1", "iad"), CallbackSigningKey.Derive(Master, "audit-1", "iad"));

    [Theory]
    [InlineData("audit-2", "iad")]
    [InlineData("audit-1", "lhr")]
    [InlineData("audit-1\niad", "")]
    public void Each_audit_and_region_gets_its_own_key(string auditId, string region)
    {
        var key = CallbackSigningKey.Derive(Master, "audit-1", "iad");

        if (region.Length == 0)
        {
            Assert.Throws<ArgumentException>(() => CallbackSigningKey.Derive(Master, auditId, region));
            return;
        }

        Assert.NotEqual(key, CallbackSigningKey.Derive(Master, auditId, region));
    }

    [Fact]
    public void Another_master_key_gives_another_key()
    {
        var other = (byte[])Master.Clone();
        other[0] ^= 1;

        Assert.NotEqual(CallbackSigningKey.Derive(Master, "audit-1", "iad"), CallbackSigningKey.Derive(other, "audit-1", "iad"));
    }

    [Fact]
    public void A_short_master_key_is_refused() =>
        Assert.Throws<ArgumentException>(() => CallbackSigningKey.Derive(new byte[31], "audit-1", "iad"));

    [Fact]
    public void Key_text_round_trips_and_is_url_safe()
    {
        var key = CallbackSigningKey.Derive(Master, "audit-1", "iad");
        var text = CallbackSigningKey.ToText(key);

        Assert.True(CallbackSigningKey.TryParse(text, out var parsed));
        Assert.Equal(key, parsed);
        Assert.DoesNotContain('=', text);
        Assert.DoesNotContain('+', text);
        Assert.DoesNotContain('/', text);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not base64!")]
    [InlineData("AAAA")]
    [InlineData("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8gIQ")]
    public void Key_text_of_the_wrong_shape_is_refused(string? text) =>
        Assert.False(CallbackSigningKey.TryParse(text, out _));

    [Theory]
    [InlineData("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=", true)]
    [InlineData("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8", true)]
    [InlineData("+/8AAQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0=", true)]
    [InlineData("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwd", false)]
    [InlineData("<random 32+ byte base64 key>", false)]
    [InlineData("", false)]
    public void Master_key_setting_accepts_base64_of_32_bytes_or_more(string text, bool valid) =>
        Assert.Equal(valid, CallbackSigningKey.TryParseMaster(text, out _));
}

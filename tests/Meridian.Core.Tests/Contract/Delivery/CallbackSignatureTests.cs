using System.Text;
using Meridian.Contract.Delivery;

namespace Meridian.Core.Tests.Contract.Delivery;

public class CallbackSignatureTests
{
    private static readonly byte[] Key = CallbackSigningKey.Derive(new byte[32], "audit-1", "iad");
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("""{"auditId":"audit-1","region":"iad","succeeded":true}""");
    private static readonly DateTimeOffset SignedAt = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    private static SignatureVerdict Verify(SignedHeaders headers, byte[]? body = null, byte[]? key = null, DateTimeOffset? now = null) =>
        CallbackSignature.Verify(key ?? Key, headers.Timestamp, headers.Signature, body ?? Body, now ?? SignedAt, CallbackSignature.DefaultTolerance);

    [Fact]
    public void A_signed_body_verifies() =>
        Assert.Equal(SignatureVerdict.Valid, Verify(CallbackSignature.Sign(Key, SignedAt, Body)));

    [Fact]
    public void Signature_is_v1_hex_over_timestamp_dot_body_as_documented()
    {
        var headers = CallbackSignature.Sign(Key, SignedAt, Body);

        using var hmac = new System.Security.Cryptography.HMACSHA256(Key);
        var expected = hmac.ComputeHash([.. Encoding.ASCII.GetBytes("1795435200."), .. Body]);
        Assert.Equal("1795435200", headers.Timestamp);
        Assert.Equal("v1=" + Convert.ToHexStringLower(expected), headers.Signature);
    }

    [Fact]
    public void A_tampered_body_is_rejected()
    {
        var headers = CallbackSignature.Sign(Key, SignedAt, Body);
        var tampered = Encoding.UTF8.GetBytes("""{"auditId":"audit-1","region":"iad","succeeded":false}""");

        Assert.Equal(SignatureVerdict.Mismatch, Verify(headers, body: tampered));
    }

    [Fact]
    public void Another_regions_key_is_rejected()
    {
        var headers = CallbackSignature.Sign(CallbackSigningKey.Derive(new byte[32], "audit-1", "lhr"), SignedAt, Body);

        Assert.Equal(SignatureVerdict.Mismatch, Verify(headers));
    }

    [Fact]
    public void A_changed_timestamp_breaks_the_signature()
    {
        var headers = CallbackSignature.Sign(Key, SignedAt, Body);
        var replayed = headers with { Timestamp = "1795435260" };

        Assert.Equal(SignatureVerdict.Mismatch, Verify(replayed, now: SignedAt.AddMinutes(1)));
    }

    [Theory]
    [InlineData(-6)]
    [InlineData(6)]
    [InlineData(60 * 24)]
    public void A_timestamp_outside_the_tolerance_is_stale(int minutesFromNow)
    {
        var headers = CallbackSignature.Sign(Key, SignedAt, Body);

        Assert.Equal(SignatureVerdict.Stale, Verify(headers, now: SignedAt.AddMinutes(-minutesFromNow)));
    }

    [Theory]
    [InlineData(-4)]
    [InlineData(4)]
    public void A_timestamp_within_the_tolerance_is_accepted(int minutesFromNow)
    {
        var headers = CallbackSignature.Sign(Key, SignedAt, Body);

        Assert.Equal(SignatureVerdict.Valid, Verify(headers, now: SignedAt.AddMinutes(minutesFromNow)));
    }

    [Theory]
    [InlineData(null, "v1=00")]
    [InlineData("1763899200", null)]
    [InlineData("", "")]
    public void Missing_headers_are_reported_as_missing(string? timestamp, string? signature) =>
        Assert.Equal(SignatureVerdict.Missing, CallbackSignature.Verify(Key, timestamp, signature, Body, SignedAt, CallbackSignature.DefaultTolerance));

    [Theory]
    [InlineData("soon", "v1=" + "00000000000000000000000000000000000000000000000000000000000000aa")]
    [InlineData("-1763899200", "v1=" + "00000000000000000000000000000000000000000000000000000000000000aa")]
    [InlineData("99999999999999999999", "v1=" + "00000000000000000000000000000000000000000000000000000000000000aa")]
    [InlineData("1763899200", "v2=" + "00000000000000000000000000000000000000000000000000000000000000aa")]
    [InlineData("1763899200", "v1=" + "zz000000000000000000000000000000000000000000000000000000000000aa")]
    [InlineData("1763899200", "v1=abc")]
    public void Malformed_headers_are_reported_as_malformed(string timestamp, string signature) =>
        Assert.Equal(SignatureVerdict.Malformed, CallbackSignature.Verify(Key, timestamp, signature, Body, SignedAt, CallbackSignature.DefaultTolerance));
}

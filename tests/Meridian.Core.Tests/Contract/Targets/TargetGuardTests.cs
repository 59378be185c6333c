using Meridian.Contract.Targets;

namespace Meridian.Core.Tests.Contract.Targets;

public sealed class TargetGuardTests
{
    private readonly FakeHostResolver resolver = new FakeHostResolver()
        .Add("example.com", "93.184.215.14", "2606:2800:21f:cb07:6820:80da:af6b:8b2c")
        .Add("cdn.example", "2606:4700::1111")
        .Add("split.example", "93.184.215.14", "10.0.0.7")
        .Add("inside.example", "10.0.0.7", "fdaa:0:1:a7b::2", "93.184.215.14")
        .Add("rebind.example", "127.0.0.1")
        .Add("mapped.example", "::ffff:169.254.169.254")
        .Add("empty.example")
        .Add("notlocalhost.com", "93.184.215.14")
        .Add("internal.example.com", "93.184.215.14")
        .Add("local.example", "93.184.215.14")
        .Add("xn--bcher-kva.example", "10.1.2.3");

    private TargetGuard Guard(bool allowPrivateTargets = false) => GuardFactory.Create(resolver, allowPrivateTargets);

    [Fact]
    public async Task Decimal_spelling_of_loopback_is_blocked()
    {
        var problems = await Guard().CheckHostAsync("2130706433", CancellationToken.None);

        var problem = Assert.Single(problems);
        Assert.Equal(
            "The host '2130706433' is the address 127.0.0.1, which is not allowed: loopback. Audits may only target public addresses.",
            problem);
    }

    [Theory]
    [InlineData("2130706433")]
    [InlineData("0177.0.0.1")]
    [InlineData("0x7f.1")]
    [InlineData("0x7F.0.0.1")]
    [InlineData("127.1")]
    [InlineData("0x7f000001")]
    [InlineData("127.0.0.1.")]
    public async Task Other_spellings_of_loopback_are_blocked_without_a_lookup(string host)
    {
        var problems = await Guard().CheckHostAsync(host, CancellationToken.None);

        var problem = Assert.Single(problems);
        Assert.Contains("127.0.0.1", problem, StringComparison.Ordinal);
        Assert.Contains("loopback", problem, StringComparison.Ordinal);
        Assert.Empty(resolver.Lookups);
    }

    [Theory]
    [InlineData("http://2130706433/", "loopback")]
    [InlineData("http://0177.0.0.1/", "loopback")]
    [InlineData("http://0x7f.1/", "loopback")]
    [InlineData("http://127.1/", "loopback")]
    [InlineData("http://127.0.0.1./", "loopback")] // Uri keeps this one as a DNS name
    [InlineData("http://１２７.０.０.１/", "loopback")] // full-width digits, mapped by IDNA
    [InlineData("http://0xA9FEA9FE/latest/meta-data/", "cloud metadata service")]
    [InlineData("http://0/", "unspecified")]
    [InlineData("http://10.1/", "private (RFC 1918)")]
    public async Task IPv4_literals_in_urls_are_blocked_whatever_their_spelling(string url, string reason)
    {
        var problems = await Guard().CheckAsync(new Uri(url), CancellationToken.None);

        Assert.Contains($"not allowed: {reason}.", Assert.Single(problems), StringComparison.Ordinal);
        Assert.Empty(resolver.Lookups);
    }

    [Theory]
    [InlineData("http://127.0.0.1/", "loopback")]
    [InlineData("http://10.0.0.1/", "private (RFC 1918)")]
    [InlineData("http://172.20.1.1/", "private (RFC 1918)")]
    [InlineData("http://192.168.0.1/", "private (RFC 1918)")]
    [InlineData("http://169.254.1.1/", "link-local")]
    [InlineData("http://100.64.1.1/", "carrier-grade NAT")]
    [InlineData("http://224.0.0.251/", "multicast")]
    [InlineData("http://0.0.0.0/", "unspecified")]
    [InlineData("http://169.254.169.254/latest/meta-data/", "cloud metadata service")]
    [InlineData("http://100.100.100.200/", "cloud metadata service")]
    [InlineData("http://[::1]/", "loopback")]
    [InlineData("http://[::]/", "unspecified")]
    [InlineData("http://[fe80::1%25eth0]/", "link-local")]
    [InlineData("http://[ff02::1]/", "multicast")]
    [InlineData("http://[fdaa::3]/", IpAddressClassifier.UniqueLocal)]
    [InlineData("http://[fdaa:0:1:a7b:1d0:6a9b:7c2c:2]:8080/", IpAddressClassifier.UniqueLocal)]
    [InlineData("http://[fd00:ec2::254]/", "cloud metadata service")]
    [InlineData("http://[::ffff:10.0.0.1]/", "IPv4-mapped IPv6 of private (RFC 1918)")]
    [InlineData("http://[::ffff:169.254.169.254]/", "IPv4-mapped IPv6 of cloud metadata service")]
    [InlineData("http://[::ffff:7f00:1]/", "IPv4-mapped IPv6 of loopback")]
    public async Task Every_blocked_address_category_is_refused_with_its_reason(string url, string reason)
    {
        var problems = await Guard().CheckAsync(new Uri(url), CancellationToken.None);

        var problem = Assert.Single(problems);
        Assert.Contains($"not allowed: {reason}.", problem, StringComparison.Ordinal);
        Assert.EndsWith("Audits may only target public addresses.", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://93.184.215.14/")]
    [InlineData("https://[2606:4700::1111]/")]
    [InlineData("https://[::ffff:93.184.215.14]/")]
    [InlineData("https://example.com/page?q=1")]
    [InlineData("https://EXAMPLE.com./")]
    [InlineData("https://cdn.example/")]
    [InlineData("https://ｅｘａｍｐｌｅ.com/")]
    public async Task Public_targets_are_allowed(string url)
    {
        Assert.Empty(await Guard().CheckAsync(new Uri(url), CancellationToken.None));
    }

    [Theory]
    [InlineData("localhost")]
    [InlineData("LOCALHOST")]
    [InlineData("localhost.")]
    [InlineData("localhost..")]
    [InlineData("app.localhost")]
    [InlineData("printer.local")]
    [InlineData("printer.LOCAL.")]
    [InlineData("my-app.internal")]
    [InlineData("foo.internal.")]
    [InlineData("top1.nearest.of.my-app.internal")]
    [InlineData("metadata.google.internal")]
    [InlineData("metadata")]
    [InlineData("Metadata.")]
    [InlineData("my-app.flycast")]
    [InlineData("internal")]
    public async Task Private_host_names_are_blocked_before_any_lookup(string host)
    {
        var problems = await Guard().CheckHostAsync(host, CancellationToken.None);

        var problem = Assert.Single(problems);
        Assert.StartsWith($"The host '{host}' is not allowed: ", problem, StringComparison.Ordinal);
        Assert.Empty(resolver.Lookups);
    }

    [Theory]
    [InlineData("http://localhost:3000/")]
    [InlineData("http://LocalHost./")]
    [InlineData("http://localhost。/")] // ideographic full stop, mapped to '.' by IDNA
    [InlineData("http://ｌｏｃａｌｈｏｓｔ/")] // full-width letters, mapped to ASCII by IDNA
    [InlineData("http://foo.ｉｎｔｅｒｎａｌ/")]
    [InlineData("http://metadata.google.internal/computeMetadata/v1/")]
    [InlineData("http://my-app.flycast/")]
    public async Task Private_host_names_in_urls_are_blocked(string url)
    {
        var problems = await Guard().CheckAsync(new Uri(url), CancellationToken.None);

        Assert.Contains("is not allowed", Assert.Single(problems), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("notlocalhost.com")]
    [InlineData("internal.example.com")]
    [InlineData("local.example")]
    public async Task Names_that_only_contain_a_blocked_word_are_resolved_and_allowed(string host)
    {
        Assert.Empty(await Guard().CheckHostAsync(host, CancellationToken.None));
        Assert.Equal([host], resolver.Lookups);
    }

    [Fact]
    public async Task A_name_with_one_public_and_one_private_address_is_blocked()
    {
        var problems = await Guard().CheckAsync(new Uri("https://split.example/"), CancellationToken.None);

        Assert.Equal(
            ["The host 'split.example' resolves to 10.0.0.7, which is not allowed: private (RFC 1918). Audits may only target public addresses."],
            problems);
    }

    [Fact]
    public async Task Every_blocked_address_of_a_name_is_reported()
    {
        var problems = await Guard().CheckHostAsync("inside.example", CancellationToken.None);

        Assert.Collection(
            problems,
            problem => Assert.Contains("10.0.0.7", problem, StringComparison.Ordinal),
            problem => Assert.Contains("fdaa:0:1:a7b::2", problem, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("rebind.example", "loopback")]
    [InlineData("mapped.example", "IPv4-mapped IPv6 of cloud metadata service")]
    public async Task A_public_looking_name_that_resolves_inward_is_blocked(string host, string reason)
    {
        var problems = await Guard().CheckHostAsync(host, CancellationToken.None);

        Assert.Contains($"not allowed: {reason}.", Assert.Single(problems), StringComparison.Ordinal);
    }

    [Fact]
    public async Task International_names_are_resolved_in_their_ascii_form_and_checked()
    {
        var problems = await Guard().CheckAsync(new Uri("https://bücher.example/"), CancellationToken.None);

        Assert.Equal(["xn--bcher-kva.example"], resolver.Lookups);
        Assert.Contains("10.1.2.3", Assert.Single(problems), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_resolver_is_asked_for_the_normalised_name()
    {
        await Guard().CheckAsync(new Uri("https://Example.COM./"), CancellationToken.None);

        Assert.Equal(["example.com"], resolver.Lookups);
    }

    [Fact]
    public async Task A_name_that_does_not_resolve_is_a_problem()
    {
        var problems = await Guard().CheckAsync(new Uri("https://no-such-host.example/"), CancellationToken.None);

        Assert.Equal(["The host 'no-such-host.example' could not be resolved; check the spelling of the URL."], problems);
    }

    [Fact]
    public async Task A_name_without_addresses_is_a_problem()
    {
        var problems = await Guard().CheckHostAsync("empty.example", CancellationToken.None);

        Assert.Equal(["The host 'empty.example' has no IP address."], problems);
    }

    [Fact]
    public async Task A_lookup_that_does_not_answer_in_time_is_a_problem()
    {
        var guard = new TargetGuard(new HangingHostResolver(), GuardFactory.Options(), TimeSpan.FromMilliseconds(50));

        var problems = await guard.CheckHostAsync("slow.example", CancellationToken.None);

        Assert.Equal(["The host 'slow.example' did not resolve within 0.1 seconds; try again later."], problems);
    }

    [Fact]
    public async Task Cancellation_by_the_caller_is_not_reported_as_a_timeout()
    {
        var guard = new TargetGuard(new HangingHostResolver(), GuardFactory.Options(), TimeSpan.FromMinutes(1));
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => guard.CheckHostAsync("slow.example", cancellation.Token));
    }

    [Theory]
    [InlineData("http://127.0.0.1:8080/")]
    [InlineData("http://localhost:8080/")]
    [InlineData("http://[::1]/")]
    [InlineData("http://10.0.0.1/")]
    [InlineData("http://inside.example/")]
    [InlineData("http://my-app.internal/")]
    public async Task Allowing_private_targets_skips_every_address_check(string url)
    {
        var problems = await Guard(allowPrivateTargets: true).CheckAsync(new Uri(url), CancellationToken.None);

        Assert.Empty(problems);
        Assert.Empty(resolver.Lookups);
    }

    [Fact]
    public async Task A_relative_url_is_a_programming_error()
    {
        await Assert.ThrowsAsync<ArgumentException>(
            () => Guard().CheckAsync(new Uri("/page", UriKind.Relative), CancellationToken.None));
    }
}

using Meridian.Contract.Jobs;
using Meridian.Core.Audits;
using Meridian.Core.Regions;
using Meridian.Core.Tests.Contract.Targets;
using Meridian.Core.Validation;

namespace Meridian.Core.Tests.Audits;

public sealed class AuditRequestValidatorTests
{
    private const string KnownRegions = "ams, arn, bom, cdg, dfw, ewr, fra, gru, iad, jnb, lax, lhr, nrt, ord, sin, sjc, syd, yyz";

    private readonly FakeHostResolver resolver = new FakeHostResolver()
        .Add("example.com", "93.184.215.14")
        .Add("split.example", "93.184.215.14", "10.0.0.7");

    private Task<ValidationResult<AuditSpec>> Validate(AuditRequest request, bool allowPrivateTargets = false) =>
        new AuditRequestValidator(GuardFactory.Create(resolver, allowPrivateTargets))
            .ValidateAsync(request, CancellationToken.None);

    private async Task<IReadOnlyList<ValidationProblem>> Problems(AuditRequest request, bool allowPrivateTargets = false)
    {
        var result = await Validate(request, allowPrivateTargets);
        Assert.False(result.IsValid);
        Assert.Null(result.Value);
        return result.Problems;
    }

    private async Task<AuditSpec> Valid(AuditRequest request, bool allowPrivateTargets = false)
    {
        var result = await Validate(request, allowPrivateTargets);
        Assert.Empty(result.Problems);
        Assert.True(result.IsValid);
        return result.Value;
    }

    [Fact]
    public async Task A_request_with_only_a_url_gets_the_defaults()
    {
        var spec = await Valid(new AuditRequest("https://example.com/pricing?plan=pro"));

        Assert.Equal(new Uri("https://example.com/pricing?plan=pro"), spec.Url);
        Assert.Equal(RegionCatalog.DefaultRegionCodes, spec.Regions);
        Assert.Equal(FormFactor.Mobile, spec.FormFactor);
        Assert.Equal(AuditSpec.DefaultRuns, spec.Runs);
        Assert.Equal(TimeSpan.FromMinutes(10), spec.Deadline);
    }

    [Fact]
    public async Task Every_field_given_is_carried_into_the_spec()
    {
        var spec = await Valid(new AuditRequest("  https://example.com/  ", ["LHR", " iad", "Syd"], "Desktop", 5, 30));

        Assert.Equal(new Uri("https://example.com/"), spec.Url);
        Assert.Equal(["lhr", "iad", "syd"], spec.Regions);
        Assert.Equal(FormFactor.Desktop, spec.FormFactor);
        Assert.Equal(5, spec.Runs);
        Assert.Equal(TimeSpan.FromMinutes(30), spec.Deadline);
    }

    [Fact]
    public async Task Every_problem_is_reported_not_only_the_first()
    {
        var problems = await Problems(new AuditRequest("ftp://example.com/", ["iad", "xyz", "IAD"], "tablet", 2, 45));

        Assert.Equal(
            [
                new("url", "The URL must start with http:// or https://, not 'ftp:'."),
                new("regions", $"Region 'xyz' is not a Fly region; known regions: {KnownRegions}."),
                new("regions", "Region 'iad' is listed more than once."),
                new("formFactor", "Form factor 'tablet' is not supported; use 'mobile' or 'desktop'."),
                new("runs", "Runs must be an odd number from 1 to 9 (the median run is reported); 2 was given."),
                new("deadlineMinutes", "The deadline must be from 2 to 30 minutes; 45 was given."),
            ],
            problems);
    }

    [Fact]
    public async Task Target_problems_are_reported_together_with_region_problems()
    {
        var problems = await Problems(new AuditRequest("https://split.example/", ["mars"]));

        Assert.Equal(["url", "regions"], problems.Select(problem => problem.Field));
        Assert.Contains("10.0.0.7", problems[0].Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ftp://example.com/")]
    [InlineData("https://user:secret@example.com/")]
    [InlineData("not a url")]
    public async Task A_malformed_url_is_not_looked_up(string url)
    {
        await Problems(new AuditRequest(url));

        Assert.Empty(resolver.Lookups);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public async Task A_missing_url_is_a_problem(string? url)
    {
        var problems = await Problems(new AuditRequest(url));

        Assert.Equal([new ValidationProblem("url", "A URL is required: the page to audit, e.g. https://example.com/.")], problems);
    }

    [Theory]
    [InlineData("example.com")]
    [InlineData("/pricing")] // Uri would read this as file:///pricing on Unix
    [InlineData("//example.com/")]
    [InlineData("http://")]
    [InlineData("https://exa mple.com/")]
    public async Task A_url_that_is_not_absolute_is_a_problem(string url)
    {
        var problem = Assert.Single(await Problems(new AuditRequest(url)));

        Assert.Equal("url", problem.Field);
        Assert.Equal($"'{url}' is not an absolute URL; give the whole address, e.g. https://example.com/.", problem.Message);
    }

    [Theory]
    [InlineData("ftp://example.com/", "ftp")]
    [InlineData("file:///etc/passwd", "file")]
    [InlineData("javascript:alert(1)", "javascript")]
    [InlineData("data:text/html,<h1>hi</h1>", "data")]
    [InlineData("gopher://example.com/", "gopher")]
    [InlineData("ws://example.com/", "ws")]
    public async Task Only_http_and_https_are_accepted(string url, string scheme)
    {
        var problem = Assert.Single(await Problems(new AuditRequest(url)));

        Assert.Equal(new ValidationProblem("url", $"The URL must start with http:// or https://, not '{scheme}:'."), problem);
    }

    [Theory]
    [InlineData("HTTP://EXAMPLE.COM/")]
    [InlineData("http://example.com:8080/a/b")]
    [InlineData("https://example.com/#section")]
    public async Task Http_and_https_urls_are_accepted_in_any_case(string url)
    {
        var spec = await Valid(new AuditRequest(url));

        Assert.Equal(new Uri(url), spec.Url);
    }

    [Theory]
    [InlineData("https://user:secret@example.com/")]
    [InlineData("https://user@example.com/")]
    [InlineData("http://127.0.0.1:80@example.com/")] // looks like loopback, is example.com with a user name
    public async Task A_url_with_user_info_is_rejected(string url)
    {
        var problem = Assert.Single(await Problems(new AuditRequest(url)));

        Assert.Equal(
            new ValidationProblem("url", "The URL must not contain a user name or password (the part before '@'); audits fetch public pages only."),
            problem);
    }

    [Fact]
    public async Task A_url_over_2048_characters_is_rejected()
    {
        var url = "https://example.com/" + new string('a', PublicUrlRule.MaxUrlLength - 19);

        var problem = Assert.Single(await Problems(new AuditRequest(url)));

        Assert.Equal(new ValidationProblem("url", "The URL is 2,049 characters long; the limit is 2,048."), problem);
    }

    [Fact]
    public async Task A_url_of_exactly_2048_characters_is_accepted()
    {
        var url = "https://example.com/" + new string('a', PublicUrlRule.MaxUrlLength - 20);

        var spec = await Valid(new AuditRequest(url));

        Assert.Equal(PublicUrlRule.MaxUrlLength, spec.Url.AbsoluteUri.Length);
    }

    [Fact]
    public async Task A_url_that_grows_over_the_limit_when_encoded_is_rejected()
    {
        // 1,120 characters as typed; each 'é' becomes the six characters "%C3%A9".
        var url = "https://example.com/" + new string('é', 1100);

        var problem = Assert.Single(await Problems(new AuditRequest(url)));

        Assert.Equal("url", problem.Field);
        Assert.StartsWith("The URL is 6,620 characters long; the limit is 2,048.", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://127.0.0.1/", "loopback")]
    [InlineData("http://2130706433/", "loopback")]
    [InlineData("http://[::ffff:10.0.0.1]/", "IPv4-mapped IPv6 of private (RFC 1918)")]
    [InlineData("http://169.254.169.254/latest/meta-data/", "cloud metadata service")]
    [InlineData("http://[fdaa::3]/", "IPv6 unique-local (includes Fly's fdaa::/16 private network)")]
    [InlineData("http://[::ffff:0:7f00:1]/", "IPv4-translated IPv6 (SIIT)")]
    [InlineData("http://[::ffff:0:a9fe:a9fe]/", "IPv4-translated IPv6 (SIIT)")]
    public async Task A_private_target_is_rejected_on_the_url_field(string url, string reason)
    {
        var problem = Assert.Single(await Problems(new AuditRequest(url)));

        Assert.Equal("url", problem.Field);
        Assert.Contains($"not allowed: {reason}.", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://93.184.215.14:0/")]
    [InlineData("https://example.com:0/page")]
    public async Task Port_zero_is_rejected(string url)
    {
        var problem = Assert.Single(await Problems(new AuditRequest(url)));

        Assert.Equal(new ValidationProblem("url", "The URL's port must be between 1 and 65535, not 0."), problem);
    }

    [Fact]
    public async Task A_host_that_does_not_resolve_is_rejected()
    {
        var problem = Assert.Single(await Problems(new AuditRequest("https://no-such-host.example/")));

        Assert.Equal(
            new ValidationProblem("url", "The host 'no-such-host.example' could not be resolved; check the spelling of the URL."),
            problem);
    }

    [Theory]
    [InlineData("http://127.0.0.1:8080/")]
    [InlineData("http://localhost:3000/index.html")]
    [InlineData("http://[::1]/")]
    public async Task Allowing_private_targets_accepts_local_pages(string url)
    {
        var spec = await Valid(new AuditRequest(url), allowPrivateTargets: true);

        Assert.Equal(new Uri(url), spec.Url);
    }

    [Theory]
    [InlineData("ftp://127.0.0.1/")]
    [InlineData("http://user:pw@127.0.0.1/")]
    public async Task Allowing_private_targets_still_checks_the_url_itself(string url)
    {
        Assert.Single(await Problems(new AuditRequest(url), allowPrivateTargets: true));
    }

    [Fact]
    public async Task An_empty_region_list_is_rejected()
    {
        var problem = Assert.Single(await Problems(new AuditRequest("https://example.com/", [])));

        Assert.Equal(
            new ValidationProblem("regions", "Name at least one region, or leave 'regions' out to use the default (iad, sjc, gru, lhr, sin, syd)."),
            problem);
    }

    [Fact]
    public async Task More_than_18_regions_are_rejected()
    {
        string[] regions = [.. RegionCatalog.All.Select(region => region.Code), "iad"];

        var problems = await Problems(new AuditRequest("https://example.com/", regions));

        Assert.Contains(new ValidationProblem("regions", "At most 18 regions can be audited at once; 19 were given."), problems);
        Assert.Contains(new ValidationProblem("regions", "Region 'iad' is listed more than once."), problems);
    }

    [Fact]
    public async Task All_18_regions_are_accepted()
    {
        string[] regions = [.. RegionCatalog.All.Select(region => region.Code.ToUpperInvariant())];

        var spec = await Valid(new AuditRequest("https://example.com/", regions));

        Assert.Equal(RegionCatalog.All.Select(region => region.Code), spec.Regions);
    }

    [Fact]
    public async Task Each_unknown_region_is_its_own_problem()
    {
        var problems = await Problems(new AuditRequest("https://example.com/", ["xyz", "lhr", "Mars"]));

        Assert.Equal(
            [
                new("regions", $"Region 'xyz' is not a Fly region; known regions: {KnownRegions}."),
                new("regions", $"Region 'Mars' is not a Fly region; known regions: {KnownRegions}."),
            ],
            problems);
    }

    [Fact]
    public async Task Duplicates_are_found_whatever_their_case_and_reported_once()
    {
        var problems = await Problems(new AuditRequest("https://example.com/", ["iad", "IAD", "Iad", "lhr"]));

        Assert.Equal([new ValidationProblem("regions", "Region 'iad' is listed more than once.")], problems);
    }

    [Fact]
    public async Task Empty_region_entries_are_rejected_by_position()
    {
        var problems = await Problems(new AuditRequest("https://example.com/", ["iad", "", null!, " "]));

        Assert.Equal(
            ["Region 2 is empty; give a Fly region code such as 'iad'.", "Region 3 is empty; give a Fly region code such as 'iad'.", "Region 4 is empty; give a Fly region code such as 'iad'."],
            problems.Select(problem => problem.Message));
    }

    [Theory]
    [InlineData(null, FormFactor.Mobile)]
    [InlineData("", FormFactor.Mobile)]
    [InlineData("mobile", FormFactor.Mobile)]
    [InlineData("MOBILE", FormFactor.Mobile)]
    [InlineData("desktop", FormFactor.Desktop)]
    [InlineData("Desktop", FormFactor.Desktop)]
    public async Task Form_factor_is_mobile_or_desktop_and_defaults_to_mobile(string? requested, FormFactor expected)
    {
        var spec = await Valid(new AuditRequest("https://example.com/", FormFactor: requested));

        Assert.Equal(expected, spec.FormFactor);
    }

    [Theory]
    [InlineData("tablet")]
    [InlineData("0")] // Enum.TryParse would take this as Mobile
    [InlineData("1")]
    [InlineData("Mobile, Desktop")]
    public async Task Other_form_factors_are_rejected(string requested)
    {
        var problem = Assert.Single(await Problems(new AuditRequest("https://example.com/", FormFactor: requested)));

        Assert.Equal(new ValidationProblem("formFactor", $"Form factor '{requested}' is not supported; use 'mobile' or 'desktop'."), problem);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(5)]
    [InlineData(7)]
    [InlineData(9)]
    public async Task Odd_runs_from_1_to_9_are_accepted(int runs)
    {
        Assert.Equal(runs, (await Valid(new AuditRequest("https://example.com/", Runs: runs))).Runs);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    [InlineData(10)]
    [InlineData(11)]
    [InlineData(-1)]
    public async Task Runs_outside_the_odd_numbers_from_1_to_9_are_rejected(int runs)
    {
        var problem = Assert.Single(await Problems(new AuditRequest("https://example.com/", Runs: runs)));

        Assert.Equal(
            new ValidationProblem("runs", $"Runs must be an odd number from 1 to 9 (the median run is reported); {runs} was given."),
            problem);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(10)]
    [InlineData(30)]
    public async Task Deadlines_from_2_to_30_minutes_are_accepted(int minutes)
    {
        var spec = await Valid(new AuditRequest("https://example.com/", DeadlineMinutes: minutes));

        Assert.Equal(TimeSpan.FromMinutes(minutes), spec.Deadline);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(31)]
    [InlineData(-5)]
    [InlineData(int.MaxValue)]
    public async Task Deadlines_outside_2_to_30_minutes_are_rejected(int minutes)
    {
        var problem = Assert.Single(await Problems(new AuditRequest("https://example.com/", DeadlineMinutes: minutes)));

        Assert.Equal(
            new ValidationProblem("deadlineMinutes", $"The deadline must be from 2 to 30 minutes; {minutes} was given."),
            problem);
    }
}

using Meridian.Contract.Jobs;
using Meridian.Core.Audits;
using Meridian.Core.Monitors;
using Meridian.Core.Monitors.Alerts;
using Meridian.Core.Regions;
using Meridian.Core.Tests.Contract.Targets;
using Meridian.Core.Validation;

namespace Meridian.Core.Tests.Monitors;

public sealed class MonitorRequestValidatorTests
{
    private const string Page = "https://example.com/";
    private const string Hook = "https://hooks.example/meridian";

    private static readonly AlertThresholds ScoreAtLeast80 = new(new MetricLimits(MinPerformanceScore: 0.8));

    private readonly FakeHostResolver resolver = new FakeHostResolver()
        .Add("example.com", "93.184.215.14")
        .Add("hooks.example", "93.184.215.15")
        .Add("split.example", "93.184.215.14", "10.0.0.7");

    private Task<ValidationResult<MonitorDefinition>> Validate(MonitorRequest request, bool allowPrivateTargets = false) =>
        new MonitorRequestValidator(GuardFactory.Create(resolver, allowPrivateTargets)).ValidateAsync(request, CancellationToken.None);

    private async Task<MonitorDefinition> Valid(MonitorRequest request, bool allowPrivateTargets = false)
    {
        var result = await Validate(request, allowPrivateTargets);
        Assert.Empty(result.Problems);
        return result.Value!;
    }

    private async Task<IReadOnlyList<ValidationProblem>> Problems(MonitorRequest request)
    {
        var result = await Validate(request);
        Assert.False(result.IsValid);
        return result.Problems;
    }

    [Fact]
    public async Task A_url_and_an_interval_get_the_audit_defaults_enabled_and_no_alerts()
    {
        var monitor = await Valid(new MonitorRequest(Page, IntervalMinutes: 15));

        Assert.Equal(new Uri(Page), monitor.Url);
        Assert.Equal(RegionCatalog.DefaultRegionCodes, monitor.Regions);
        Assert.Equal((FormFactor.Mobile, AuditSpec.DefaultRuns), (monitor.FormFactor, monitor.Runs));
        Assert.Equal(new MonitorSchedule(IntervalMinutes: 15), monitor.Schedule);
        Assert.True(monitor.Enabled);
        Assert.Equal((null, null, null), (monitor.Name, monitor.Thresholds, monitor.WebhookUrl));
    }

    [Fact]
    public async Task Every_field_given_is_carried_trimmed_into_the_definition()
    {
        var monitor = await Valid(new MonitorRequest(
            "  https://example.com/pricing  ", ["LHR", " iad"], "Desktop", 5, Cron: "  0 9 * * 1-5 ", Enabled: false,
            Thresholds: ScoreAtLeast80, WebhookUrl: " " + Hook + " ", Name: "  Pricing page "));

        Assert.Equal(("Pricing page", new Uri("https://example.com/pricing")), (monitor.Name, monitor.Url));
        Assert.Equal(["lhr", "iad"], monitor.Regions);
        Assert.Equal((FormFactor.Desktop, 5, false), (monitor.FormFactor, monitor.Runs, monitor.Enabled));
        Assert.Equal(new MonitorSchedule(Cron: "0 9 * * 1-5"), monitor.Schedule);
        Assert.Equal(ScoreAtLeast80, monitor.Thresholds);
        Assert.Equal(new Uri(Hook), monitor.WebhookUrl);
    }

    [Fact]
    public async Task Every_problem_is_reported_at_once_by_field()
    {
        var problems = await Problems(new MonitorRequest(
            "ftp://example.com/", ["xyz"], "tablet", 4, IntervalMinutes: 15, Cron: "*/15 * * * *",
            Thresholds: new AlertThresholds(new MetricLimits(MaxCls: 11)), Name: new string('n', 101)));

        string[] expected = ["url", "regions", "formFactor", "runs", "intervalMinutes", "thresholds.overall.maxCls", "webhookUrl", "name"];
        Assert.Equal(expected.Order(StringComparer.Ordinal), problems.Select(p => p.Field).Distinct().Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData(null, null, "intervalMinutes", "exactly one")]
    [InlineData(15, "*/15 * * * *", "intervalMinutes", "exactly one")]
    [InlineData(4, null, "intervalMinutes", "from 5 to 10080")]
    [InlineData(0, null, "intervalMinutes", "from 5 to 10080")]
    [InlineData(-5, null, "intervalMinutes", "from 5 to 10080")]
    [InlineData(10081, null, "intervalMinutes", "from 5 to 10080")]
    [InlineData(null, "* * *", "cron", "five fields")]
    [InlineData(null, "61 * * * *", "cron", "five fields")]
    [InlineData(null, "", "cron", "five fields")]
    [InlineData(null, "* * * * *", "cron", "more often than every 5 minutes")]
    [InlineData(null, "*/4 * * * *", "cron", "more often than every 5 minutes")]
    public async Task A_schedule_that_is_not_exactly_one_usable_interval_or_cron_is_refused(int? interval, string? cron, string field, string says)
    {
        var problem = Assert.Single(await Problems(new MonitorRequest(Page, IntervalMinutes: interval, Cron: cron)));

        Assert.Equal(field, problem.Field);
        Assert.Contains(says, problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(5, null)]
    [InlineData(10080, null)]
    [InlineData(null, "*/5 * * * *")]
    [InlineData(null, "30 2 1 * *")]
    public async Task Schedules_at_the_limits_are_accepted(int? interval, string? cron)
    {
        var monitor = await Valid(new MonitorRequest(Page, IntervalMinutes: interval, Cron: cron));

        Assert.Equal(new MonitorSchedule(interval, cron), monitor.Schedule);
    }

    [Theory]
    [InlineData(-0.01, null, null, null, "thresholds.overall.minPerformanceScore")]
    [InlineData(1.01, null, null, null, "thresholds.overall.minPerformanceScore")]
    [InlineData(null, -1.0, null, null, "thresholds.overall.maxLcpMs")]
    [InlineData(null, 600_001.0, null, null, "thresholds.overall.maxLcpMs")]
    [InlineData(null, null, -1.0, null, "thresholds.overall.maxTbtMs")]
    [InlineData(null, null, 600_000.5, null, "thresholds.overall.maxTbtMs")]
    [InlineData(null, null, null, -0.1, "thresholds.overall.maxCls")]
    [InlineData(null, null, null, 10.01, "thresholds.overall.maxCls")]
    [InlineData(null, null, null, double.NaN, "thresholds.overall.maxCls")]
    public async Task A_limit_out_of_its_range_is_refused_naming_it(double? score, double? lcp, double? tbt, double? cls, string field)
    {
        var problem = Assert.Single(await Problems(new MonitorRequest(
            Page, IntervalMinutes: 15, Thresholds: new AlertThresholds(new MetricLimits(score, lcp, tbt, cls)), WebhookUrl: Hook)));

        Assert.Equal(field, problem.Field);
    }

    [Fact]
    public async Task Limits_at_the_ends_of_their_ranges_are_accepted_overall_and_per_region()
    {
        var thresholds = new AlertThresholds(new MetricLimits(0, 0, 0, 0), new MetricLimits(1, 600_000, 600_000, 10));

        var monitor = await Valid(new MonitorRequest(Page, IntervalMinutes: 15, Thresholds: thresholds, WebhookUrl: Hook));

        Assert.Equal(thresholds, monitor.Thresholds);
    }

    [Fact]
    public async Task A_per_region_limit_out_of_range_is_named_under_each_region()
    {
        var problem = Assert.Single(await Problems(new MonitorRequest(
            Page, IntervalMinutes: 15, Thresholds: new AlertThresholds(EachRegion: new MetricLimits(MaxLcpMs: -5)), WebhookUrl: Hook)));

        Assert.Equal("thresholds.eachRegion.maxLcpMs", problem.Field);
    }

    [Fact]
    public async Task Thresholds_without_any_limit_are_refused()
    {
        var problem = Assert.Single(await Problems(new MonitorRequest(
            Page, IntervalMinutes: 15, Thresholds: new AlertThresholds(new MetricLimits(), null), WebhookUrl: Hook)));

        Assert.Equal("thresholds", problem.Field);
    }

    [Fact]
    public async Task Thresholds_without_a_webhook_are_refused()
    {
        var problem = Assert.Single(await Problems(new MonitorRequest(Page, IntervalMinutes: 15, Thresholds: ScoreAtLeast80)));

        Assert.Equal("webhookUrl", problem.Field);
        Assert.Contains("required with thresholds", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_webhook_without_thresholds_is_kept_for_later()
    {
        var monitor = await Valid(new MonitorRequest(Page, IntervalMinutes: 15, WebhookUrl: Hook));

        Assert.Equal((null, new Uri(Hook)), (monitor.Thresholds, monitor.WebhookUrl));
    }

    [Theory]
    [InlineData("http://127.0.0.1/")]
    [InlineData("http://169.254.169.254/latest")]
    [InlineData("http://localhost/")]
    [InlineData("http://10.0.0.1/")]
    [InlineData("http://[::1]/hook")]
    [InlineData("http://2130706433/")]
    [InlineData("http://metadata.google.internal/computeMetadata/v1/")]
    [InlineData("https://split.example/hook")]
    [InlineData("file:///etc/passwd")]
    [InlineData("gopher://hooks.example/")]
    [InlineData("/relative/hook")]
    [InlineData("https://user:secret@hooks.example/")]
    [InlineData("http://[::ffff:0:a9fe:a9fe]/")]
    [InlineData("http://93.184.215.14:0/hook")]
    public async Task A_webhook_meridian_must_not_post_to_is_refused(string webhook)
    {
        var problems = await Problems(new MonitorRequest(Page, IntervalMinutes: 15, Thresholds: ScoreAtLeast80, WebhookUrl: webhook));

        Assert.NotEmpty(problems);
        Assert.All(problems, problem => Assert.Equal("webhookUrl", problem.Field));
    }

    [Fact]
    public async Task A_webhook_longer_than_2048_characters_is_refused()
    {
        var problem = Assert.Single(await Problems(new MonitorRequest(
            Page, IntervalMinutes: 15, Thresholds: ScoreAtLeast80, WebhookUrl: Hook + "/" + new string('a', 2048))));

        Assert.Equal("webhookUrl", problem.Field);
    }

    [Fact]
    public async Task The_local_hosts_private_targets_setting_lets_a_webhook_reach_this_machine()
    {
        var monitor = await Valid(new MonitorRequest(Page, IntervalMinutes: 15, Thresholds: ScoreAtLeast80, WebhookUrl: "http://127.0.0.1:8080/hook"), allowPrivateTargets: true);

        Assert.Equal(new Uri("http://127.0.0.1:8080/hook"), monitor.WebhookUrl);
    }

    [Fact]
    public async Task The_page_is_held_to_the_audit_rules_and_guard()
    {
        var problem = Assert.Single(await Problems(new MonitorRequest("http://10.0.0.1/", IntervalMinutes: 15)));

        Assert.Equal("url", problem.Field);
        Assert.EndsWith("Audits may only target public addresses.", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Line one\nline two")]
    [InlineData("Bell\a")]
    public async Task A_name_that_is_not_one_line_of_text_is_refused(string name)
    {
        var problem = Assert.Single(await Problems(new MonitorRequest(Page, IntervalMinutes: 15, Name: name)));

        Assert.Equal("name", problem.Field);
    }

    [Fact]
    public async Task A_name_of_100_characters_is_accepted_and_101_refused()
    {
        Assert.Equal(100, (await Valid(new MonitorRequest(Page, IntervalMinutes: 15, Name: new string('n', 100)))).Name!.Length);
        Assert.Equal("name", Assert.Single(await Problems(new MonitorRequest(Page, IntervalMinutes: 15, Name: new string('n', 101)))).Field);
    }

    [Fact]
    public async Task A_blank_name_is_no_name()
    {
        Assert.Null((await Valid(new MonitorRequest(Page, IntervalMinutes: 15, Name: "   "))).Name);
    }
}

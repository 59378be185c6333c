using Meridian.Contract.Delivery;
using Meridian.Contract.Jobs;
using Meridian.Core.Regions;
using Meridian.Testing.Audits;

namespace Meridian.Worker.Tests.Unit;

public class WorkerSettingsReaderTests
{
    private static readonly string[] RequiredVariables =
    [
        WorkerEnvironment.AuditId,
        WorkerEnvironment.Region,
        WorkerEnvironment.TargetUrl,
        WorkerEnvironment.FormFactor,
        WorkerEnvironment.Runs,
        WorkerEnvironment.CallbackUrl,
        WorkerEnvironment.CallbackKey,
        WorkerEnvironment.ReportUploadUrl,
        WorkerEnvironment.FallbackUploadUrl,
        WorkerEnvironment.Deadline,
    ];

    /// <summary>Every variable the worker reads, each set to something other than its default.</summary>
    private static TestEnvironment EveryVariable() => TestEnvironment
        .ForJob(TestWorkerJobs.Create(auditId: "audit-42", region: "iad", formFactor: FormFactor.Desktop, runs: 5))
        .With(WorkerSettingsReader.FlyRegion, "iad")
        .With(WorkerSettingsReader.AllowPrivateTargets, "true")
        .With(WorkerSettingsReader.RunTimeoutSeconds, "300")
        .With(WorkerSettingsReader.ChromePath, "/opt/chrome/chrome")
        .With(WorkerSettingsReader.NodePath, "/usr/local/bin/node")
        .With(WorkerSettingsReader.LighthouseCli, "/app/node_modules/lighthouse/cli/index.js")
        .With(WorkerSettingsReader.ChromeNoSandbox, "false");

    private static IReadOnlyList<SettingProblem> ProblemsOf(TestEnvironment environment)
    {
        var result = WorkerSettingsReader.Read(environment.ToDictionary());
        Assert.False(result.IsValid);
        return result.Problems;
    }

    [Fact]
    public void Environment_with_every_variable_is_read_into_the_settings()
    {
        var settings = EveryVariable().Read();

        var expected = new WorkerSettings
        {
            AuditId = "audit-42",
            Region = "iad",
            MachineRegion = "iad",
            TargetUrl = new Uri("https://shop.example/"),
            FormFactor = FormFactor.Desktop,
            Runs = 5,
            CallbackUrl = new Uri("https://meridian.example/api/audits/audit-42/regions/iad/result"),
            CallbackKey = settings.CallbackKey,
            ReportUploadUrl = new Uri("https://meridianstore.blob.core.windows.net/reports/audit-42/iad.json.gz?sp=cw&sig=report"),
            FallbackUploadUrl = new Uri("https://meridianstore.blob.core.windows.net/deliveries/audit-42/iad/fallback.json?sp=cw&sig=fallback"),
            Deadline = new DateTimeOffset(2026, 11, 23, 12, 10, 0, TimeSpan.Zero),
            AllowPrivateTargets = true,
            RunTimeout = TimeSpan.FromSeconds(300),
            ChromePath = "/opt/chrome/chrome",
            NodePath = "/usr/local/bin/node",
            LighthouseCliPath = "/app/node_modules/lighthouse/cli/index.js",
            ChromeNoSandbox = false,
        };
        Assert.Equal(expected, settings);
    }

    [Fact]
    public void Callback_key_is_decoded_from_base64url()
    {
        var settings = EveryVariable().Read();

        Assert.True(CallbackSigningKey.TryParse(TestWorkerJobs.SigningKey, out var expected));
        Assert.Equal(expected, settings.CallbackKey);
    }

    [Fact]
    public void Optional_variables_left_out_take_their_defaults()
    {
        var settings = TestEnvironment.ForJob().Read();

        Assert.Equal(
            (false, TimeSpan.FromSeconds(120), "/usr/bin/chromium", "node", (string?)null, (bool?)null),
            (settings.AllowPrivateTargets, settings.RunTimeout, settings.ChromePath, settings.NodePath, settings.LighthouseCliPath, settings.ChromeNoSandbox));
    }

    [Fact]
    public void Region_the_app_set_wins_over_fly_region_because_the_key_and_urls_were_issued_for_it()
    {
        var settings = TestEnvironment.ForJob(TestWorkerJobs.Create(region: "iad")).With(WorkerSettingsReader.FlyRegion, "lhr").Read();

        Assert.Equal(("iad", "lhr"), (settings.Region, settings.MachineRegion));
    }

    [Fact]
    public void Fly_region_is_used_when_the_app_set_none()
    {
        var settings = TestEnvironment.ForJob(TestWorkerJobs.Create(region: "iad")).Without(WorkerEnvironment.Region).With(WorkerSettingsReader.FlyRegion, "lhr").Read();

        Assert.Equal("lhr", settings.Region);
    }

    [Fact]
    public void Region_the_app_set_is_used_without_fly_region()
    {
        var settings = TestEnvironment.ForJob(TestWorkerJobs.Create(region: "syd")).Without(WorkerSettingsReader.FlyRegion).Read();

        Assert.Equal("syd", settings.Region);
    }

    [Fact]
    public void Deadline_with_an_offset_is_read_as_the_same_instant_in_utc()
    {
        var settings = TestEnvironment.ForJob().With(WorkerEnvironment.Deadline, "2026-11-23T14:10:00+02:00").Read();

        Assert.Equal((new DateTime(2026, 11, 23, 12, 10, 0), TimeSpan.Zero), (settings.Deadline.DateTime, settings.Deadline.Offset));
    }

    [Fact]
    public void Every_required_variable_missing_gives_one_problem_per_variable()
    {
        var problems = ProblemsOf(TestEnvironment.Empty());

        Assert.Equal(RequiredVariables.Order(StringComparer.Ordinal), problems.Select(problem => problem.Field).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Every_missing_variable_is_named_in_its_problem()
    {
        var problems = ProblemsOf(TestEnvironment.Empty());

        Assert.All(problems, problem => Assert.Contains(problem.Field, problem.Message, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(WorkerEnvironment.AuditId, "")]
    [InlineData(WorkerEnvironment.TargetUrl, "   ")]
    [InlineData(WorkerEnvironment.CallbackKey, null)]
    public void Blank_required_variable_counts_as_missing(string name, string? value)
    {
        var problems = ProblemsOf(TestEnvironment.ForJob().With(name, value));

        var problem = Assert.Single(problems);
        Assert.Equal((name, $"{name} is missing."), (problem.Field, problem.Message));
    }

    [Fact]
    public void Neither_region_variable_set_names_both()
    {
        var problems = ProblemsOf(TestEnvironment.ForJob().Without(WorkerEnvironment.Region).Without(WorkerSettingsReader.FlyRegion));

        var problem = Assert.Single(problems);
        Assert.Equal(WorkerEnvironment.Region, problem.Field);
        Assert.Contains(WorkerSettingsReader.FlyRegion, problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(WorkerEnvironment.AuditId, "audit 1")]
    [InlineData(WorkerEnvironment.TargetUrl, "shop.example")]
    [InlineData(WorkerEnvironment.TargetUrl, "ftp://shop.example/")]
    [InlineData(WorkerEnvironment.CallbackUrl, "/api/audits/audit-1/regions/iad/result")]
    [InlineData(WorkerEnvironment.ReportUploadUrl, "not a url")]
    [InlineData(WorkerEnvironment.FallbackUploadUrl, "file:///tmp/fallback.json")]
    [InlineData(WorkerEnvironment.Runs, "0")]
    [InlineData(WorkerEnvironment.Runs, "10")]
    [InlineData(WorkerEnvironment.Runs, "-1")]
    [InlineData(WorkerEnvironment.Runs, "three")]
    [InlineData(WorkerEnvironment.FormFactor, "tablet")]
    [InlineData(WorkerEnvironment.FormFactor, "1")]
    [InlineData(WorkerEnvironment.FormFactor, "mobile,desktop")]
    [InlineData(WorkerEnvironment.Deadline, "2026-11-23T12:10:00")]
    [InlineData(WorkerEnvironment.Deadline, "2026-11-23T12:10Z")]
    [InlineData(WorkerEnvironment.Deadline, "2026-11-23 12:10:00")]
    [InlineData(WorkerEnvironment.Deadline, "23/11/2026")]
    [InlineData(WorkerEnvironment.Deadline, "tomorrow")]
    [InlineData(WorkerEnvironment.CallbackKey, "c2hvcnQ")]
    [InlineData(WorkerEnvironment.CallbackKey, "dGVzdC1rZXktdGVzdC1rZXktdGVzdC1rZXktdGVzdC1rZXk")]
    [InlineData(WorkerEnvironment.CallbackKey, "not base64url!")]
    [InlineData(WorkerSettingsReader.AllowPrivateTargets, "yes")]
    [InlineData(WorkerSettingsReader.ChromeNoSandbox, "1")]
    [InlineData(WorkerSettingsReader.RunTimeoutSeconds, "9")]
    [InlineData(WorkerSettingsReader.RunTimeoutSeconds, "901")]
    [InlineData(WorkerSettingsReader.RunTimeoutSeconds, "2m")]
    public void Malformed_value_is_a_problem_naming_its_variable(string name, string value)
    {
        var problems = ProblemsOf(TestEnvironment.ForJob().With(name, value));

        var problem = Assert.Single(problems);
        Assert.Equal(name, problem.Field);
        Assert.Contains(name, problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("IAD")]
    [InlineData("us-east")]
    public void Region_that_is_not_a_region_code_is_a_problem_naming_the_variable_it_came_from(string region)
    {
        var fromFly = Assert.Single(ProblemsOf(TestEnvironment.ForJob().Without(WorkerEnvironment.Region).With(WorkerSettingsReader.FlyRegion, region)));
        var fromApp = Assert.Single(ProblemsOf(TestEnvironment.ForJob().Without(WorkerSettingsReader.FlyRegion).With(WorkerEnvironment.Region, region)));

        Assert.Equal(WorkerSettingsReader.FlyRegion, fromFly.Field);
        Assert.Contains($"{WorkerSettingsReader.FlyRegion} must be a region code", fromFly.Message, StringComparison.Ordinal);
        Assert.Equal(WorkerEnvironment.Region, fromApp.Field);
        Assert.Contains(region, fromApp.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(WorkerEnvironment.CallbackKey, "c2VjcmV0LWJ1dC10b28tc2hvcnQ")]
    [InlineData(WorkerEnvironment.ReportUploadUrl, "ftp://meridianstore.blob.core.windows.net/reports/a.json.gz?sp=cw&sig=SeCrEtSiGnAtUrE")]
    [InlineData(WorkerEnvironment.FallbackUploadUrl, "meridianstore.blob.core.windows.net/deliveries/fallback.json?sp=cw&sig=SeCrEtSiGnAtUrE")]
    public void Malformed_secret_is_not_repeated_in_its_problem(string name, string secret)
    {
        var problems = ProblemsOf(TestEnvironment.ForJob().With(name, secret));

        var problem = Assert.Single(problems);
        Assert.Equal(name, problem.Field);
        Assert.DoesNotContain(secret, problem.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("SeCrEt", problem.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Settings_text_leaves_out_the_key_and_the_upload_urls()
    {
        var settings = EveryVariable().Read();

        var text = settings.ToString();

        Assert.DoesNotContain(TestWorkerJobs.SigningKey, text, StringComparison.Ordinal);
        Assert.DoesNotContain(Convert.ToBase64String(settings.CallbackKey), text, StringComparison.Ordinal);
        Assert.DoesNotContain(settings.ReportUploadUrl.AbsoluteUri, text, StringComparison.Ordinal);
        Assert.DoesNotContain(settings.FallbackUploadUrl.AbsoluteUri, text, StringComparison.Ordinal);
        Assert.DoesNotContain("sig=", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Settings_text_says_which_audit_region_and_page()
    {
        var text = EveryVariable().Read().ToString();

        Assert.Equal(
            "audit audit-42, region iad, desktop, 5 run(s) of https://shop.example/, deadline 2026-11-23T12:10:00Z",
            text);
    }
}

using Meridian.Contract.Delivery;
using Meridian.Contract.Jobs;
using Meridian.Core.Audits.Activities;
using Meridian.Core.Configuration;
using Meridian.Core.Machines;
using Meridian.Core.Regions;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Moq;

namespace Meridian.Core.Tests.Audits.Activities;

public class StartRegionMachineActivityTests
{
    private static readonly DateTime Deadline = new(2026, 11, 23, 12, 10, 0, DateTimeKind.Utc);
    private static readonly byte[] MasterKey = [.. Enumerable.Range(1, 32).Select(i => (byte)i)];
    private static readonly WorkerUploadUrls Uploads = new(
        new Uri("https://store.example/reports/audit-42/syd.json.gz?sig=r"),
        new Uri("https://store.example/deliveries/audit-42/syd/fallback.json?sig=f"));

    private static (StartRegionMachineActivity Activity, Func<WorkerJob?> Sent, Mock<IWorkerUploadUrlIssuer> Issuer) Arrange()
    {
        WorkerJob? sent = null;
        var machines = new Mock<IRegionMachines>();
        machines.Setup(m => m.StartAsync(It.IsAny<WorkerJob>(), It.IsAny<CancellationToken>()))
            .Callback<WorkerJob, CancellationToken>((job, _) => sent = job)
            .ReturnsAsync(MachineStartResult.Started("3d8d9e1b2c4e78"));
        var issuer = new Mock<IWorkerUploadUrlIssuer>();
        issuer.Setup(i => i.IssueAsync("audit-42", "syd", It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(Uploads);
        var activity = new StartRegionMachineActivity(
            machines.Object,
            issuer.Object,
            Options.Create(new MeridianOptions
            {
                CallbackBaseUrl = new Uri("https://meridian.example/"),
                CallbackSigningKey = Convert.ToBase64String(MasterKey),
            }),
            NullLogger<StartRegionMachineActivity>.Instance);
        return (activity, () => sent, issuer);
    }

    private static StartRegionMachineInput Input => new("audit-42", "syd", new Uri("https://shop.example/"), FormFactor.Desktop, 5, Deadline);

    [Fact]
    public async Task Machine_is_given_the_job_with_the_regions_own_callback_url()
    {
        var (activity, sentJob, _) = Arrange();

        var result = await activity.RunAsync(Input, CancellationToken.None);

        Assert.Equal(MachineStartResult.Started("3d8d9e1b2c4e78"), result);
        var sent = sentJob();
        Assert.NotNull(sent);
        Assert.Equal(new Uri("https://meridian.example/api/audits/audit-42/regions/syd/result"), sent.CallbackUrl);
        Assert.Equal(("audit-42", "syd", FormFactor.Desktop, 5), (sent.AuditId, sent.Region, sent.FormFactor, sent.Runs));
        Assert.Equal(new DateTimeOffset(Deadline), sent.Deadline);
    }

    [Fact]
    public async Task Machine_gets_the_key_derived_for_its_own_audit_and_region()
    {
        var (activity, sentJob, _) = Arrange();

        await activity.RunAsync(Input, CancellationToken.None);

        Assert.True(CallbackSigningKey.TryParse(sentJob()!.CallbackSigningKey, out var key));
        Assert.Equal(CallbackSigningKey.Derive(MasterKey, "audit-42", "syd"), key);
        Assert.NotEqual(CallbackSigningKey.Derive(MasterKey, "audit-42", "iad"), key);
    }

    [Fact]
    public async Task Upload_urls_are_issued_for_the_region_and_outlive_the_deadline_by_the_grace()
    {
        var (activity, sentJob, issuer) = Arrange();

        await activity.RunAsync(Input, CancellationToken.None);

        Assert.Same(Uploads, sentJob()!.Uploads);
        issuer.Verify(i => i.IssueAsync("audit-42", "syd", new DateTimeOffset(Deadline) + StartRegionMachineActivity.UploadGrace, It.IsAny<CancellationToken>()));
    }

    [Fact]
    public async Task Printing_a_job_never_shows_its_key_or_upload_urls()
    {
        var (activity, sentJob, _) = Arrange();
        await activity.RunAsync(Input, CancellationToken.None);

        var printed = sentJob()!.ToString();

        Assert.Contains("audit-42", printed, StringComparison.Ordinal);
        Assert.DoesNotContain(sentJob()!.CallbackSigningKey, printed, StringComparison.Ordinal);
        Assert.DoesNotContain("sig=", printed, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://meridian.example", "https://meridian.example/api/audits/a%2Fb/regions/iad/result")]
    [InlineData("https://host.example/prefix/", "https://host.example/prefix/api/audits/a%2Fb/regions/iad/result")]
    public void Callback_url_is_built_under_the_base_url_with_escaped_ids(string baseUrl, string expected) =>
        Assert.Equal(expected, StartRegionMachineActivity.CallbackUrlFor(new Uri(baseUrl), "a/b", "iad").AbsoluteUri);
}

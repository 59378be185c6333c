using Meridian.Core.Activities;
using Meridian.Core.Audits;
using Meridian.Core.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Moq;

namespace Meridian.Core.Tests.Activities;

public class StartRegionMachineActivityTests
{
    private static readonly DateTime Deadline = new(2026, 11, 23, 12, 10, 0, DateTimeKind.Utc);

    [Fact]
    public async Task Machine_is_given_the_job_with_the_regions_own_callback_url()
    {
        WorkerJob? sent = null;
        var machines = new Mock<IRegionMachines>();
        machines.Setup(m => m.StartAsync(It.IsAny<WorkerJob>(), It.IsAny<CancellationToken>()))
            .Callback<WorkerJob, CancellationToken>((job, _) => sent = job)
            .ReturnsAsync(MachineStartResult.Started("3d8d9e1b2c4e78"));
        var activity = new StartRegionMachineActivity(
            machines.Object,
            Options.Create(new MeridianOptions { CallbackBaseUrl = new Uri("https://meridian.example/") }),
            NullLogger<StartRegionMachineActivity>.Instance);

        var result = await activity.RunAsync(
            new StartRegionMachineInput("audit-42", "syd", new Uri("https://shop.example/"), FormFactor.Desktop, 5, Deadline),
            CancellationToken.None);

        Assert.Equal(MachineStartResult.Started("3d8d9e1b2c4e78"), result);
        Assert.NotNull(sent);
        Assert.Equal(new Uri("https://meridian.example/api/audits/audit-42/regions/syd/result"), sent.CallbackUrl);
        Assert.Equal(("audit-42", "syd", FormFactor.Desktop, 5), (sent.AuditId, sent.Region, sent.FormFactor, sent.Runs));
        Assert.Equal(new DateTimeOffset(Deadline), sent.Deadline);
    }

    [Theory]
    [InlineData("https://meridian.example", "https://meridian.example/api/audits/a%2Fb/regions/iad/result")]
    [InlineData("https://host.example/prefix/", "https://host.example/prefix/api/audits/a%2Fb/regions/iad/result")]
    public void Callback_url_is_built_under_the_base_url_with_escaped_ids(string baseUrl, string expected) =>
        Assert.Equal(expected, StartRegionMachineActivity.CallbackUrlFor(new Uri(baseUrl), "a/b", "iad").AbsoluteUri);
}

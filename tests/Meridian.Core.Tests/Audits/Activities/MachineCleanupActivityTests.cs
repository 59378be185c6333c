using Meridian.Contract.Jobs;
using Meridian.Core.Audits;
using Meridian.Core.Audits.Activities;
using Meridian.Core.Machines;
using Moq;

namespace Meridian.Core.Tests.Audits.Activities;

public class MachineCleanupActivityTests
{
    [Fact]
    public async Task Destroy_passes_the_machine_to_Fly_even_without_a_known_id()
    {
        var machines = new Mock<IRegionMachines>();
        machines.Setup(m => m.DestroyAsync("audit-1", "nrt", null, It.IsAny<CancellationToken>())).ReturnsAsync(new MachineExit(3, false, null));

        var exit = await new DestroyRegionMachineActivity(machines.Object).RunAsync(new("audit-1", "nrt", null), CancellationToken.None);

        Assert.Equal(new MachineExit(3, false, null), exit);
        machines.Verify(m => m.DestroyAsync("audit-1", "nrt", null, It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task Store_saves_the_report()
    {
        var reports = new Mock<IAuditReportStore>();
        var report = new AuditReport(
            "audit-1", "https://shop.example/", FormFactor.Mobile, 3, DateTime.UnixEpoch, DateTime.UnixEpoch, [], AuditReportBuilder.Aggregate([]), []);

        await new StoreAuditReportActivity(reports.Object).RunAsync(report, CancellationToken.None);

        reports.Verify(r => r.SaveAsync(report, It.IsAny<CancellationToken>()), Times.Once);
    }
}

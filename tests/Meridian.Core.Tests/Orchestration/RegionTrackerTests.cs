using Meridian.Core.Audits;
using Meridian.Core.Orchestration;

namespace Meridian.Core.Tests.Orchestration;

public class RegionTrackerTests
{
    [Fact]
    public void A_started_machine_makes_a_pending_region_running()
    {
        var region = new RegionTracker("iad");

        region.Started("m-1");

        Assert.Equal((RegionStatus.Running, "m-1"), (region.Status, region.MachineId));
    }

    [Fact]
    public void A_start_that_returns_after_the_deadline_keeps_the_region_timed_out_but_records_its_machine()
    {
        var region = new RegionTracker("iad");
        region.Finish(RegionStatus.TimedOut, "No result within the audit's 2-minute deadline.");

        region.Started("m-late");

        var outcome = region.ToOutcome();
        Assert.Equal(RegionStatus.TimedOut, outcome.Status);
        Assert.Equal("m-late", outcome.MachineId);
        Assert.Equal("No result within the audit's 2-minute deadline.", outcome.Reason);
    }
}

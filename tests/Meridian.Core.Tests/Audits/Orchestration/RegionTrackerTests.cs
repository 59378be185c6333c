using Meridian.Core.Audits;
using Meridian.Core.Audits.Orchestration;
using Meridian.Core.Machines;

namespace Meridian.Core.Tests.Audits.Orchestration;

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
    public void A_create_that_returns_after_the_deadline_keeps_the_region_timed_out_and_asks_for_its_machine_to_go()
    {
        var region = new RegionTracker("iad");
        region.CreateRequested();
        region.SilentAtDeadline();
        region.Finish(RegionStatus.TimedOut, "No result within the audit's 2-minute deadline.");

        region.CreateReturnedLate(MachineStartResult.Started("m-late"));

        Assert.Equal((RegionStatus.TimedOut, "m-late"), (region.Status, region.MachineId));
        Assert.True(region.NeedsDestroyAfterDeadline);
        region.DestroyRequested();
        Assert.False(region.NeedsDestroyAfterDeadline);
    }

    [Theory]
    [InlineData(MachineStartStatus.RegionUnavailable, false)]
    [InlineData(MachineStartStatus.ConfigurationError, false)]
    [InlineData(MachineStartStatus.Failed, true)]
    public void A_late_create_that_was_refused_leaves_no_machine_to_destroy(MachineStartStatus status, bool destroy)
    {
        var region = new RegionTracker("iad");
        region.CreateRequested();
        region.SilentAtDeadline();

        region.CreateReturnedLate(new MachineStartResult(status, null, "why"));

        Assert.Equal(destroy, region.NeedsDestroyAfterDeadline);
    }

    [Fact]
    public void A_region_never_created_has_nothing_to_destroy()
    {
        var region = new RegionTracker("iad");
        region.SilentAtDeadline();

        Assert.False(region.NeedsDestroyAfterDeadline);
    }
}

using Meridian.Contract.Delivery;
using Meridian.Contract.Results;
using Meridian.Core.Machines;
using Meridian.Core.Regions;

namespace Meridian.Core.Audits.Orchestration;

/// <summary>One region's state while its audit runs. Lives only inside one orchestration execution.</summary>
internal sealed class RegionTracker(string region)
{
    private RegionResultSummary? summary;
    private ResultDelivery? delivery;
    private bool createRequested;
    private bool createRefused;
    private bool silentAtDeadline;
    private bool destroyRequested;

    public string Region { get; } = region;

    public RegionStatus Status { get; private set; } = RegionStatus.Pending;

    public string? Reason { get; private set; }

    public string? MachineId { get; private set; }

    /// <summary>
    /// Silent at the deadline, its create sent, and no destroy asked for yet: the create returned (or
    /// failed) after the deadline, so its machine may be running with nobody waiting for it.
    /// </summary>
    public bool NeedsDestroyAfterDeadline => silentAtDeadline && createRequested && !createRefused && !destroyRequested;

    public void CreateRequested() => createRequested = true;

    public void Started(string? machineId)
    {
        MachineId = machineId;
        Status = RegionStatus.Running;
    }

    /// <summary>A create that came back after the deadline: only its machine matters now.</summary>
    public void CreateReturnedLate(MachineStartResult start)
    {
        MachineId = start.MachineId;
        createRefused = start.Status is MachineStartStatus.RegionUnavailable or MachineStartStatus.ConfigurationError;
    }

    public void SilentAtDeadline() => silentAtDeadline = true;

    public void DestroyRequested() => destroyRequested = true;

    public void Finish(RegionStatus status, string reason)
    {
        Status = status;
        Reason = reason;
    }

    public void Answered(RegionResult result, ResultDelivery via)
    {
        delivery = via;
        if (result.Succeeded && result.Summary is not null)
        {
            Status = RegionStatus.Completed;
            summary = result.Summary;
            Reason = null;
        }
        else
        {
            Status = RegionStatus.Failed;
            Reason = result.FailureReason ?? "The worker reported a failure without a reason.";
        }
    }

    public RegionProgress ToProgress() => RegionProgress.Of(Region, Status, Reason, summary);

    public RegionOutcome ToOutcome() => new(Region, Status, Reason, summary, MachineId, delivery);
}

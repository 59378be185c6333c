using Meridian.Core.Audits;

namespace Meridian.Core.Orchestration;

/// <summary>One region's state while its audit runs. Lives only inside one orchestration execution.</summary>
internal sealed class RegionTracker(string region)
{
    public string Region { get; } = region;

    public RegionStatus Status { get; private set; } = RegionStatus.Pending;

    public string? Reason { get; private set; }

    public string? MachineId { get; private set; }

    private RegionResultSummary? summary;
    private ResultDelivery? delivery;

    public void Started(string? machineId)
    {
        MachineId = machineId;

        // A start that returns after the deadline already ended the region (timed out): keep that.
        if (!Status.IsFinal())
        {
            Status = RegionStatus.Running;
        }
    }

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

    public RegionProgress ToProgress() => new(Region, Status, Reason, summary);

    public RegionOutcome ToOutcome() => new(Region, Status, Reason, summary, MachineId, delivery);
}

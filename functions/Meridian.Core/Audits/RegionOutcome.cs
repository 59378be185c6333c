using System.Text.Json.Serialization;
using Meridian.Contract.Delivery;
using Meridian.Contract.Results;
using Meridian.Core.Regions;

namespace Meridian.Core.Audits;

/// <summary>The final state of one region in an audit report.</summary>
/// <param name="Reason">A sentence a person can act on when the status is not Completed (Fly's own text where it has one).</param>
/// <param name="MachineId">The Fly machine that ran the region, when one was created.</param>
/// <param name="Delivery">How the result arrived; null when none did.</param>
public sealed record RegionOutcome(
    string Region,
    RegionStatus Status,
    string? Reason,
    RegionResultSummary? Summary,
    string? MachineId,
    ResultDelivery? Delivery);

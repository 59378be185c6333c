using Meridian.Core.Machines;
using Meridian.Core.Regions;

namespace Meridian.Core.Audits.Activities;

/// <param name="MachineId">Null when the machine's id never reached the orchestration; it is then found by metadata.</param>
public sealed record DestroyRegionMachineInput(string AuditId, string Region, string? MachineId);

/// <summary>Destroys a region's machine that is still alive after the deadline, so no machine outlives its audit.</summary>
public sealed class DestroyRegionMachineActivity(IRegionMachines machines) : CancellableActivity<DestroyRegionMachineInput, MachineExit?>
{
    /// <returns>How the machine's process ended, if it had: it tells a timed-out region's story.</returns>
    public override Task<MachineExit?> RunAsync(DestroyRegionMachineInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        return machines.DestroyAsync(input.AuditId, input.Region, input.MachineId, cancellationToken);
    }
}

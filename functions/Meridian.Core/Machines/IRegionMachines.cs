using Meridian.Contract.Jobs;

namespace Meridian.Core.Machines;

/// <summary>Short-lived machines that run the worker, one per audit and region (Fly Machines in production).</summary>
public interface IRegionMachines
{
    /// <summary>
    /// Creates a machine for the job and returns once it has started. Capacity and configuration
    /// problems, and faults that outlived the client's retries, come back as a result with Fly's text;
    /// only the unexpected throws.
    /// </summary>
    Task<MachineStartResult> StartAsync(WorkerJob job, CancellationToken cancellationToken);

    /// <summary>
    /// Destroys the region's machine if it is still there. When <paramref name="machineId"/> is null the
    /// machine is looked up by its audit and region metadata. A machine already gone is not an error.
    /// Returns how the machine's process ended, when it had ended.
    /// </summary>
    Task<MachineExit?> DestroyAsync(string auditId, string region, string? machineId, CancellationToken cancellationToken);
}

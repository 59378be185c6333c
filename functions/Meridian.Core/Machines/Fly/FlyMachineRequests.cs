using Meridian.Contract.Jobs;
using Meridian.Core.Regions;

namespace Meridian.Core.Machines.Fly;

/// <summary>The create request for an audit's machine in one region.</summary>
public static class FlyMachineRequests
{
    public const string AuditIdMetadataKey = "meridian_audit_id";
    public const string RegionMetadataKey = "meridian_region";

    public static CreateMachineRequest For(WorkerJob job, FlyOptions options) => new()
    {
        Name = MachineName(job.AuditId, job.Region),
        Region = job.Region,
        Config = new MachineConfig
        {
            Image = options.WorkerImage,
            Guest = new MachineGuest { CpuKind = options.CpuKind, Cpus = options.Cpus, MemoryMb = options.MemoryMb },

            // Used once: gone when the worker exits, and never restarted (a restart would audit and post again).
            AutoDestroy = true,
            Restart = new MachineRestart { Policy = "no" },
            Env = WorkerEnvironment.For(job),
            Metadata = new Dictionary<string, string>
            {
                [AuditIdMetadataKey] = job.AuditId,
                [RegionMetadataKey] = job.Region,
            },
            StopConfig = new StopConfig { Signal = "SIGTERM", Timeout = "30s" },
        },
    };

    /// <summary>One name per audit and region, readable in Fly's dashboard; a clash on it is adopted like a lost answer.</summary>
    public static string MachineName(string auditId, string region)
    {
        var safeId = new string(auditId.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray());
        var name = $"meridian-{region}-{safeId}";
        return name.Length <= 63 ? name : name[..63];
    }
}

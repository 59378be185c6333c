using System.Collections.Concurrent;
using Meridian.Contract.Jobs;
using Meridian.Contract.Results;
using Meridian.Core.Audits;
using Meridian.Core.Audits.Activities;
using Meridian.Core.Machines;
using Meridian.Core.Monitors;
using Meridian.Core.Monitors.Storage;
using Meridian.Core.Regions;
using Meridian.Core.Storage;

namespace Meridian.Local.Tests.TaskHub;

/// <summary>Machines that start at once in every region and remember the jobs they were given.</summary>
internal sealed class InMemoryRegionMachines : IRegionMachines
{
    public ConcurrentQueue<WorkerJob> Jobs { get; } = new();

    public Task<MachineStartResult> StartAsync(WorkerJob job, CancellationToken cancellationToken)
    {
        Jobs.Enqueue(job);
        return Task.FromResult(MachineStartResult.Started($"machine-{job.Region}"));
    }

    public Task<MachineExit?> DestroyAsync(string auditId, string region, string? machineId, CancellationToken cancellationToken) =>
        Task.FromResult<MachineExit?>(null);
}

internal sealed class FixedUploadUrls : IWorkerUploadUrlIssuer
{
    public Task<WorkerUploadUrls> IssueAsync(string auditId, string region, DateTimeOffset expiresAt, CancellationToken cancellationToken) =>
        Task.FromResult(new WorkerUploadUrls(
            new Uri($"https://store.example/reports/{auditId}/{region}.json.gz?sig=r"),
            new Uri($"https://store.example/deliveries/{auditId}/{region}/fallback.json?sig=f")));
}

/// <summary>No worker ever left a fallback result.</summary>
internal sealed class NoStoredResults : IDeliveredResults
{
    public Task<RegionResult?> FindAsync(string auditId, string region, CancellationToken cancellationToken) =>
        Task.FromResult<RegionResult?>(null);
}

internal sealed class InMemoryAuditReportStore : IAuditReportStore
{
    public ConcurrentQueue<AuditReport> Saved { get; } = new();

    public Task SaveAsync(AuditReport report, CancellationToken cancellationToken)
    {
        Saved.Enqueue(report);
        return Task.CompletedTask;
    }
}

/// <summary>
/// One monitor, changed in memory as <see cref="IMonitorStore.UpdateAsync"/> changes it (no contention);
/// only what recording a monitor's audit uses.
/// </summary>
internal sealed class OneMonitorStore(MonitorDocument monitor) : IMonitorStore
{
    private readonly Lock gate = new();

    public MonitorDocument Monitor { get; private set; } = monitor;

    public Task<MonitorDocument?> UpdateAsync(string monitorId, Func<MonitorDocument, MonitorDocument?> change, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            if (monitorId != Monitor.MonitorId)
            {
                return Task.FromResult<MonitorDocument?>(null);
            }

            Monitor = change(Monitor) ?? Monitor;
            return Task.FromResult<MonitorDocument?>(Monitor);
        }
    }

    public Task<bool> CreateAsync(MonitorDocument monitor, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<MonitorDocument?> GetAsync(string monitorId, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<bool> DeleteAsync(string monitorId, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<MonitorDeletion> DeleteIfAsync(string monitorId, Func<MonitorDocument, bool> condition, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<MonitorPage> ListAsync(string? continuationToken, int pageSize, CancellationToken cancellationToken) => throw new NotSupportedException();

    public IAsyncEnumerable<DueMarker> ListDueAsync(DateTimeOffset now, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task DeleteDueMarkerAsync(DueMarker marker, CancellationToken cancellationToken) => throw new NotSupportedException();
}

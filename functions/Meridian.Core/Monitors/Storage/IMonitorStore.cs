using Meridian.Core.Storage;

namespace Meridian.Core.Monitors.Storage;

/// <summary>
/// Monitors in storage, and the index of when each is next due, which lets the scheduler find the
/// due ones without reading every definition.
/// </summary>
public interface IMonitorStore
{
    /// <summary>Writes a new monitor and its due marker; false (nothing written) when the id exists.</summary>
    Task<bool> CreateAsync(MonitorDocument monitor, CancellationToken cancellationToken);

    /// <summary>The monitor, or null when there is none.</summary>
    Task<MonitorDocument?> GetAsync(string monitorId, CancellationToken cancellationToken);

    /// <summary>
    /// Applies <paramref name="change"/> to the stored monitor under its blob ETag, reading again and
    /// re-applying it when another writer got in between. <paramref name="change"/> returns the new
    /// document, or null to write nothing. When the new document's <see cref="MonitorScheduleState.NextDueAt"/>
    /// differs, the due marker for it is written (the old one is left: the scheduler drops markers that
    /// no longer match their monitor). Returns what is stored afterwards; null when the monitor does not exist.
    /// </summary>
    Task<MonitorDocument?> UpdateAsync(string monitorId, Func<MonitorDocument, MonitorDocument?> change, CancellationToken cancellationToken);

    /// <summary>Removes the monitor; false when there was none. Its markers are dropped when they come due.</summary>
    Task<bool> DeleteAsync(string monitorId, CancellationToken cancellationToken);

    /// <summary>
    /// Removes the monitor only if <paramref name="condition"/> holds for the stored document, checked and
    /// deleted under the blob's ETag so a change in between is seen (the API's DELETE with If-Match).
    /// </summary>
    Task<MonitorDeletion> DeleteIfAsync(string monitorId, Func<MonitorDocument, bool> condition, CancellationToken cancellationToken);

    /// <summary>Monitors in id order, one page at a time.</summary>
    Task<MonitorPage> ListAsync(string? continuationToken, int pageSize, CancellationToken cancellationToken);

    /// <summary>
    /// The due markers at or before <paramref name="now"/>, oldest first: the monitors to look at in this
    /// tick. Reads only the markers that are due, however many monitors exist.
    /// </summary>
    IAsyncEnumerable<DueMarker> ListDueAsync(DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// Removes a marker that was handled or no longer matches its monitor; a missing one is fine, and
    /// one written again since it was listed (another <see cref="DueMarker.Version"/>) is kept.
    /// </summary>
    Task DeleteDueMarkerAsync(DueMarker marker, CancellationToken cancellationToken);
}

/// <summary>What <see cref="IMonitorStore.DeleteIfAsync"/> did.</summary>
public enum MonitorDeletion
{
    Deleted,
    NotFound,
    ConditionFailed,
}

/// <param name="ContinuationToken">Pass it back for the next page; null on the last page.</param>
public sealed record MonitorPage(IReadOnlyList<MonitorDocument> Items, string? ContinuationToken);

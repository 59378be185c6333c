using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Meridian.Core.Ids;
using Meridian.Core.Regions;

namespace Meridian.Core.Storage;

/// <summary>
/// Where Meridian keeps things in Blob Storage: one container per kind. Per-audit blobs start with the
/// audit id so one audit's blobs list together; the audit documents and the Power BI rows are filed
/// under the day the audit id was made, so a document is found from its id alone and a time range is
/// a range of folders. README.md ("Storage layout") documents the same table for people.
/// </summary>
public static class BlobLayout
{
    /// <summary>One JSON document per audit (the audit record), under the day its id was made.</summary>
    public const string AuditsContainer = "audits";

    /// <summary>One CSV file per finished audit, a row per region: the folder Power BI combines.</summary>
    public const string RegionResultsContainer = "region-results";

    /// <summary>Full Lighthouse reports of the median runs, gzipped JSON.</summary>
    public const string ReportsContainer = "reports";

    /// <summary>Region results as they arrived: stored by the callback, or left by a worker as its fallback.</summary>
    public const string DeliveriesContainer = "deliveries";

    /// <summary>Monitor documents under <see cref="MonitorDefinitionsPrefix"/>, and the due index under <see cref="DueMarkersPrefix"/>.</summary>
    public const string MonitorsContainer = "monitors";

    /// <summary>Shared state of the Fly machines: the create budget of each Fly app (<see cref="CreateBudgetBlob"/>).</summary>
    public const string MachinesContainer = "machines";

    /// <summary>Folder of the monitor documents in <see cref="MonitorsContainer"/>; ids sort by creation, so a listing is in creation order.</summary>
    public const string MonitorDefinitionsPrefix = "definitions/";

    /// <summary>Folder of the due markers in <see cref="MonitorsContainer"/>; a listing is in due-time order.</summary>
    public const string DueMarkersPrefix = "due/";

    /// <summary>The due minute in a marker's name: sortable as text.</summary>
    private const string DueMinuteFormat = "yyyyMMddHHmm";

    /// <summary>Every container the app writes to, for <see cref="MeridianBlobContainers.EnsureCreatedAsync"/>.</summary>
    public static IReadOnlyList<string> Containers { get; } =
        [AuditsContainer, RegionResultsContainer, ReportsContainer, DeliveriesContainer, MonitorsContainer, MachinesContainer];

    /// <summary><c>{yyyy}/{MM}/{dd}/{auditId}.json</c> in <see cref="AuditsContainer"/>, dated by the id (UTC).</summary>
    /// <exception cref="ArgumentException">The id is not a well-formed audit id, so it has no date.</exception>
    public static string AuditBlob(string auditId) => AuditDayPrefix(CreatedOn(auditId)) + auditId + ".json";

    /// <summary><c>{yyyy}/{MM}/{dd}/</c>: the folder of the audits made on that UTC day.</summary>
    public static string AuditDayPrefix(DateOnly day) => day.ToString("yyyy'/'MM'/'dd'/'", CultureInfo.InvariantCulture);

    /// <summary>Reads the audit id back from a name written by <see cref="AuditBlob"/>; false for any other name.</summary>
    public static bool TryParseAuditBlob(string blobName, [NotNullWhen(true)] out string? auditId)
    {
        ArgumentNullException.ThrowIfNull(blobName);
        auditId = null;
        const string Extension = ".json";
        var slash = blobName.LastIndexOf('/');
        if (slash < 0 || !blobName.EndsWith(Extension, StringComparison.Ordinal))
        {
            return false;
        }

        var id = blobName[(slash + 1)..^Extension.Length];
        if (!AuditIds.IsWellFormed(id) || blobName != AuditBlob(id))
        {
            return false;
        }

        auditId = id;
        return true;
    }

    /// <summary>
    /// <c>year={yyyy}/month={MM}/day={dd}/{auditId}.csv</c> in <see cref="RegionResultsContainer"/>:
    /// Hive-style folders, which Power BI, Spark and Synapse read as columns and can filter on.
    /// </summary>
    /// <exception cref="ArgumentException">The id is not a well-formed audit id.</exception>
    public static string RegionResultsBlob(string auditId) =>
        CreatedOn(auditId).ToString("'year='yyyy'/month='MM'/day='dd'/'", CultureInfo.InvariantCulture) + auditId + ".csv";

    /// <summary><c>{auditId}/{region}.json.gz</c> in <see cref="ReportsContainer"/>.</summary>
    public static string ReportBlob(string auditId, string region) => $"{auditId}/{region}.json.gz";

    /// <summary><c>{auditId}/{region}/fallback.json</c> in <see cref="DeliveriesContainer"/>: written by the worker.</summary>
    public static string FallbackBlob(string auditId, string region) => $"{auditId}/{region}/fallback.json";

    /// <summary><c>{auditId}/{region}/callback.json</c> in <see cref="DeliveriesContainer"/>: written by the callback.</summary>
    public static string CallbackBlob(string auditId, string region) => $"{auditId}/{region}/callback.json";

    /// <summary><c>create-budgets/{app}.json</c> in <see cref="MachinesContainer"/>: the next free create turn of the Fly app.</summary>
    public static string CreateBudgetBlob(string flyApp) => $"create-budgets/{flyApp}.json";

    /// <summary><c>definitions/{monitorId}.json</c> in <see cref="MonitorsContainer"/>.</summary>
    /// <exception cref="ArgumentException">The id is not a well-formed monitor id (it could name another blob).</exception>
    public static string MonitorBlob(string monitorId) =>
        MonitorIds.IsWellFormed(monitorId)
            ? MonitorDefinitionsPrefix + monitorId + ".json"
            : throw new ArgumentException($"'{monitorId}' is not a well-formed monitor id.", nameof(monitorId));

    /// <summary>Reads the monitor id back from a name written by <see cref="MonitorBlob"/>; false for any other name.</summary>
    public static bool TryParseMonitorBlob(string blobName, [NotNullWhen(true)] out string? monitorId)
    {
        ArgumentNullException.ThrowIfNull(blobName);
        const string Extension = ".json";
        var id = blobName.StartsWith(MonitorDefinitionsPrefix, StringComparison.Ordinal) && blobName.EndsWith(Extension, StringComparison.Ordinal)
            ? blobName[MonitorDefinitionsPrefix.Length..^Extension.Length]
            : null;
        monitorId = MonitorIds.IsWellFormed(id) ? id : null;
        return monitorId is not null;
    }

    /// <summary>
    /// <c>due/{yyyyMMddHHmm}/{monitorId}</c> in <see cref="MonitorsContainer"/>: an empty blob whose name is
    /// the due minute in UTC, so names sort by due time and the scheduler lists only the due ones.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// The id is malformed, or the time is not a whole minute: the name could not carry it, and a marker
    /// whose time differs from its monitor's would be dropped as stale (slots are whole minutes).
    /// </exception>
    public static string DueMarkerBlob(DueMarker marker)
    {
        ArgumentNullException.ThrowIfNull(marker);
        if (!MonitorIds.IsWellFormed(marker.MonitorId))
        {
            throw new ArgumentException($"'{marker.MonitorId}' is not a well-formed monitor id.", nameof(marker));
        }

        if (marker.DueAt.UtcTicks % TimeSpan.TicksPerMinute != 0)
        {
            throw new ArgumentException($"A due time must be a whole minute; {marker.DueAt:O} is not.", nameof(marker));
        }

        return DueMarkersPrefix + marker.DueAt.UtcDateTime.ToString(DueMinuteFormat, CultureInfo.InvariantCulture) + "/" + marker.MonitorId;
    }

    /// <summary>Reads a marker back from a name written by <see cref="DueMarkerBlob"/>; false for any other name.</summary>
    public static bool TryParseDueMarkerBlob(string blobName, [NotNullWhen(true)] out DueMarker? marker)
    {
        ArgumentNullException.ThrowIfNull(blobName);
        marker = null;
        var parts = blobName.Split('/');
        if (parts is not [_, var minute, var monitorId]
            || !blobName.StartsWith(DueMarkersPrefix, StringComparison.Ordinal)
            || !MonitorIds.IsWellFormed(monitorId)
            || !DateTimeOffset.TryParseExact(minute, DueMinuteFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var dueAt))
        {
            return false;
        }

        marker = new DueMarker(monitorId, dueAt);
        return true;
    }

    private static DateOnly CreatedOn(string auditId) =>
        AuditIds.TryGetCreatedAt(auditId, out var createdAt)
            ? DateOnly.FromDateTime(createdAt.UtcDateTime)
            : throw new ArgumentException($"'{auditId}' is not a well-formed audit id (32 hex digits of a UUIDv7).", nameof(auditId));
}

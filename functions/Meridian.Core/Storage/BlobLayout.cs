using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Meridian.Core.Audits;

namespace Meridian.Core.Storage;

/// <summary>
/// Where Meridian keeps things in Blob Storage: one container per kind. Per-audit blobs start with the
/// audit id so one audit's blobs list together; the audit documents and the Power BI rows are filed
/// under the day the audit id was made, so a document is found from its id alone and a time range is
/// a range of folders. README.md ("Storage layout") documents the same table for people.
/// </summary>
public static class BlobLayout
{
    /// <summary>One JSON document per audit (<see cref="AuditDocument"/>), under the day its id was made.</summary>
    public const string AuditsContainer = "audits";

    /// <summary>One CSV file per finished audit, a row per region: the folder Power BI combines.</summary>
    public const string RegionResultsContainer = "region-results";

    /// <summary>Full Lighthouse reports of the median runs, gzipped JSON.</summary>
    public const string ReportsContainer = "reports";

    /// <summary>Region results as they arrived: stored by the callback, or left by a worker as its fallback.</summary>
    public const string DeliveriesContainer = "deliveries";

    /// <summary>Every container the app writes to, for <see cref="MeridianBlobContainers.EnsureCreatedAsync"/>.</summary>
    public static IReadOnlyList<string> Containers { get; } =
        [AuditsContainer, RegionResultsContainer, ReportsContainer, DeliveriesContainer];

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

    private static DateOnly CreatedOn(string auditId) =>
        AuditIds.TryGetCreatedAt(auditId, out var createdAt)
            ? DateOnly.FromDateTime(createdAt.UtcDateTime)
            : throw new ArgumentException($"'{auditId}' is not a well-formed audit id (32 hex digits of a UUIDv7).", nameof(auditId));
}

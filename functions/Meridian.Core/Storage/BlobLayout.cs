namespace Meridian.Core.Storage;

/// <summary>
/// Where Meridian keeps things in Blob Storage: one container per kind, names that start with the
/// audit id so one audit's blobs list together.
/// </summary>
public static class BlobLayout
{
    /// <summary>Full Lighthouse reports of the median runs, gzipped JSON.</summary>
    public const string ReportsContainer = "reports";

    /// <summary>Region results as they arrived: stored by the callback, or left by a worker as its fallback.</summary>
    public const string DeliveriesContainer = "deliveries";

    /// <summary><c>{auditId}/{region}.json.gz</c> in <see cref="ReportsContainer"/>.</summary>
    public static string ReportBlob(string auditId, string region) => $"{auditId}/{region}.json.gz";

    /// <summary><c>{auditId}/{region}/fallback.json</c> in <see cref="DeliveriesContainer"/>.</summary>
    public static string FallbackBlob(string auditId, string region) => $"{auditId}/{region}/fallback.json";
}

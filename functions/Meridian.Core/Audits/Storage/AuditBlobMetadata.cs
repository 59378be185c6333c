using System.Globalization;
using Meridian.Core.Storage;

namespace Meridian.Core.Audits.Storage;

/// <summary>
/// The metadata of an audit document blob: what listing needs (URL, status, monitor, score) without
/// downloading the document. Written with every upload of the document, so it never lags behind it.
/// </summary>
internal static class AuditBlobMetadata
{
    /// <summary>The audit URL (or <c>url_b64</c> when it is not plain ASCII: see <see cref="BlobMetadataText"/>).</summary>
    public const string Url = "url";

    /// <summary><c>running</c> or <c>completed</c>.</summary>
    public const string Status = "status";

    /// <summary>The monitor that scheduled the audit; absent for an audit a user started.</summary>
    public const string MonitorId = "monitor_id";

    /// <summary>The report's median performance score (0–1, invariant culture); absent until the report is saved or when no region completed.</summary>
    public const string MedianScore = "median_score";

    public static Dictionary<string, string> For(AuditRecord document)
    {
        var metadata = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        BlobMetadataText.Set(metadata, Url, document.Url);
        metadata[Status] = StatusText(document.Status);
        BlobMetadataText.Set(metadata, MonitorId, document.MonitorId);
        if (document.Report?.Aggregates.MedianPerformanceScore is { } score)
        {
            metadata[MedianScore] = score.ToString("R", CultureInfo.InvariantCulture);
        }

        return metadata;
    }

    /// <summary>The list item of a document blob, or null when the blob is not one this store wrote.</summary>
    public static AuditListItem? ToListItem(string auditId, DateTimeOffset createdAt, IDictionary<string, string>? metadata)
    {
        var url = BlobMetadataText.Get(metadata, Url);
        var status = metadata?.TryGetValue(Status, out var text) == true ? ParseStatus(text) : null;
        if (url is null || status is null)
        {
            return null;
        }

        double? score = metadata!.TryGetValue(MedianScore, out var scoreText)
                        && double.TryParse(scoreText, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed)
            ? parsed
            : null;
        return new AuditListItem(auditId, url, createdAt, status.Value, BlobMetadataText.Get(metadata, MonitorId), score);
    }

    private static string StatusText(AuditRecordStatus status) => status switch
    {
        AuditRecordStatus.Running => "running",
        AuditRecordStatus.Completed => "completed",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    private static AuditRecordStatus? ParseStatus(string text) => text switch
    {
        "running" => AuditRecordStatus.Running,
        "completed" => AuditRecordStatus.Completed,
        _ => null,
    };
}

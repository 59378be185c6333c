using System.Globalization;
using System.Text;

namespace Meridian.Core.Monitors.Alerts;

/// <summary>
/// The JSON body an alert webhook receives. <see cref="Text"/> is a Slack-compatible message (Slack's
/// incoming webhooks read only it); the other fields are for receivers that act on alerts.
/// </summary>
/// <param name="Kind"><see cref="AlertKind.Regression"/> or <see cref="AlertKind.Recovery"/>.</param>
/// <param name="AuditId">The audit that raised the alert; with <paramref name="Kind"/> it identifies the alert, so a receiver can drop a repeat.</param>
/// <param name="Breaches">The thresholds the audit broke, one sentence each (empty for a recovery).</param>
/// <param name="At">When the alert was raised.</param>
public sealed record AlertPayload(
    string Text,
    string Kind,
    string MonitorId,
    string? MonitorName,
    string Url,
    string AuditId,
    IReadOnlyList<string> Breaches,
    DateTimeOffset At)
{
    /// <summary>Breaches named in <see cref="Text"/>; the rest are counted there and all are in <see cref="Breaches"/>.</summary>
    public const int BreachesInText = 5;

    public static AlertPayload For(MonitorDocument monitor, AlertNotice notice)
    {
        ArgumentNullException.ThrowIfNull(monitor);
        ArgumentNullException.ThrowIfNull(notice);
        var definition = monitor.Definition;
        return new AlertPayload(
            TextFor(definition, notice),
            notice.Kind,
            monitor.MonitorId,
            definition.Name,
            definition.Url.AbsoluteUri,
            notice.AuditId,
            notice.Breaches,
            notice.At);
    }

    private static string TextFor(MonitorDefinition definition, AlertNotice notice)
    {
        var page = definition.Name is { } name ? $"{name} ({definition.Url.AbsoluteUri})" : definition.Url.AbsoluteUri;
        var score = notice.MedianPerformanceScore is { } median
            ? $" (median performance score {median.ToString("0.00#", CultureInfo.InvariantCulture)})"
            : string.Empty;
        if (notice.Kind != AlertKind.Regression)
        {
            return SlackEscape($"Meridian: {page} is back within its thresholds{score}.");
        }

        var text = new StringBuilder($"Meridian: {page} got slower: {MonitorRunRecorder.BreachesToAlert} audits in a row broke its thresholds{score}.");
        if (notice.Breaches.Count > 0)
        {
            text.Append('\n').AppendJoin("; ", notice.Breaches.Take(BreachesInText));
            if (notice.Breaches.Count > BreachesInText)
            {
                text.Append(CultureInfo.InvariantCulture, $"; and {notice.Breaches.Count - BreachesInText} more");
            }
        }

        return SlackEscape(text.ToString());
    }

    // Slack reads <...> as links or mentions and &...; as entities: these three must be escaped in text.
    private static string SlackEscape(string text) =>
        text.Replace("&", "&amp;", StringComparison.Ordinal)
            .Replace("<", "&lt;", StringComparison.Ordinal)
            .Replace(">", "&gt;", StringComparison.Ordinal);
}

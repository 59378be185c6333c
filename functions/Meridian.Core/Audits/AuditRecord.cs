using System.Text.Json.Serialization;
using Meridian.Contract.Jobs;

namespace Meridian.Core.Audits;

/// <summary>
/// An audit as kept in storage: written when it starts (Running), replaced with the report when it
/// ends (Completed). What <c>GET /api/audits</c> lists and what Power BI's folder of audits holds.
/// </summary>
/// <param name="MonitorId">The monitor that scheduled it; null for an audit a user started.</param>
/// <param name="Report">The finished report; null while running.</param>
public sealed record AuditRecord(
    string AuditId,
    string Url,
    IReadOnlyList<string> Regions,
    FormFactor FormFactor,
    int Runs,
    int DeadlineSeconds,
    string? MonitorId,
    DateTimeOffset CreatedAt,
    AuditRecordStatus Status,
    AuditReport? Report);

[JsonConverter(typeof(JsonStringEnumConverter<AuditRecordStatus>))]
public enum AuditRecordStatus
{
    Running,
    Completed,
}

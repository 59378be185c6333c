using Meridian.Contract.Jobs;

namespace Meridian.Core.Audits.Api;

/// <summary>202 to <c>POST /api/audits</c>: where to follow the audit.</summary>
public sealed record AuditAcceptedView(
    string AuditId,
    string Status,
    Uri StatusUrl,
    string Url,
    IReadOnlyList<string> Regions,
    FormFactor FormFactor,
    int Runs,
    DateTimeOffset Deadline);

using Meridian.Contract.Jobs;
using Meridian.Contract.Results;
using Meridian.Core.Audits.Orchestration;
using Meridian.Core.Regions;

namespace Meridian.Core.Audits.Api;

/// <summary>202 to <c>POST /api/audits</c>: where to follow the audit.</summary>
public sealed record AuditAccepted(
    string AuditId,
    string Status,
    Uri StatusUrl,
    string Url,
    IReadOnlyList<string> Regions,
    FormFactor FormFactor,
    int Runs,
    DateTimeOffset Deadline);

/// <summary><c>GET /api/audits/{id}</c>: the audit's live state, and its report once finished.</summary>
/// <param name="Status">"running", "completed" or "failed".</param>
/// <param name="Phase">While running: what the orchestration is doing.</param>
/// <param name="Failure">Why the audit itself failed (not a region: those are in <see cref="Regions"/>).</param>
public sealed record AuditState(
    string AuditId,
    string Status,
    AuditPhase? Phase,
    string Url,
    FormFactor FormFactor,
    int Runs,
    DateTimeOffset CreatedAt,
    string? MonitorId,
    IReadOnlyList<RegionState> Regions,
    AuditReport? Report,
    string? Failure);

/// <summary>One region in <see cref="AuditState"/>; <see cref="Summary"/> once it has completed.</summary>
public sealed record RegionState(string Region, RegionStatus Status, string? Reason, RegionResultSummary? Summary);

/// <summary>Answer to a worker's callback.</summary>
/// <param name="Duplicate">True when this result had been received before; nothing changed.</param>
public sealed record ResultReceived(string AuditId, string Region, string ResultId, bool Duplicate);

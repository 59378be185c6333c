using Meridian.Core.Machines;

namespace Meridian.Core.Audits.Orchestration;

/// <summary>What an audit orchestration is started with. Its instance id is the audit id.</summary>
/// <param name="Pacing">How machine creates are spread out; read from settings by the starter, since orchestration code must not read configuration.</param>
/// <param name="MonitorId">The monitor that scheduled the audit; null for an audit a user started.</param>
/// <param name="Retries">How failed activities are retried; null (instances started before it was added) is <see cref="AuditRetries.Default"/>.</param>
public sealed record AuditOrchestrationInput(AuditSpec Spec, CreatePacing Pacing, string? MonitorId = null, AuditRetries? Retries = null);

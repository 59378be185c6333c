namespace Meridian.Core.Deliveries;

/// <summary>Answer to a worker's callback.</summary>
/// <param name="Duplicate">True when this result had been received before; nothing changed.</param>
public sealed record ResultReceived(string AuditId, string Region, string ResultId, bool Duplicate);

namespace Meridian.Core.Storage;

/// <summary>An entry of the due index: monitor <see cref="MonitorId"/> is due at <see cref="DueAt"/>.</summary>
/// <param name="Version">
/// The marker as it was listed (its ETag); null for one made by hand. Deleting a listed marker only
/// removes that version, so a marker a concurrent create or PUT wrote again in the meantime stays.
/// </param>
public sealed record DueMarker(string MonitorId, DateTimeOffset DueAt, string? Version = null);

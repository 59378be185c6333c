using System.Text.Json;

namespace Meridian.Contract;

/// <summary>
/// The JSON shape of what crosses between the worker and the app (the region result it POSTs, and
/// the same bytes as a fallback blob): web defaults, camelCase, case-insensitive reads. Its own
/// options, so a change to how the app stores or orchestrates cannot change the wire format.
/// </summary>
public static class ContractJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web);
}

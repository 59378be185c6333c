using System.Text.Json;
using System.Text.Json.Serialization;

namespace Meridian.Core.Machines.Fly;

/// <summary>Source-generated JSON metadata for the Fly API: snake_case names, nulls left out, unknown fields ignored.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(CreateMachineRequest))]
[JsonSerializable(typeof(Machine))]
[JsonSerializable(typeof(IReadOnlyList<Machine>))]
[JsonSerializable(typeof(List<Machine>))]
[JsonSerializable(typeof(List<JsonElement>))]
[JsonSerializable(typeof(StopMachineRequest))]
[JsonSerializable(typeof(FlyErrorResponse))]
[JsonSerializable(typeof(PlatformRegionsResponse))]
public sealed partial class FlyJsonContext : JsonSerializerContext;

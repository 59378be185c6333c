using System.Text.Json.Serialization;
using Meridian.Core.Machines.Fly;
using Microsoft.AspNetCore.Http;

namespace Meridian.Local.FlyStandIn.Http;

/// <summary>{"ok": true}, Fly's answer to wait, stop and delete.</summary>
internal sealed record OkResponse(bool Ok);

/// <summary>Fly's answer to start.</summary>
internal sealed record StartMachineResponse(string PreviousState, bool Migrated, string NewHost);

/// <summary>Bodies Meridian's client ignores, so the shared FlyJsonContext does not model them; same naming as Fly's.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(OkResponse))]
[JsonSerializable(typeof(StartMachineResponse))]
internal sealed partial class StandInJsonContext : JsonSerializerContext
{
    public static IResult Ok() => Results.Json(new OkResponse(true), Default.OkResponse);
}

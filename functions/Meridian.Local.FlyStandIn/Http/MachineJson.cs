using System.Text.Json;
using System.Text.Json.Nodes;
using Meridian.Core.Machines.Fly;
using Meridian.Local.FlyStandIn.Machines;
using Microsoft.AspNetCore.Http;

namespace Meridian.Local.FlyStandIn.Http;

/// <summary>
/// Machines as JSON through FlyJsonContext. The contract always writes exited_at as RFC 3339; Fly
/// also sends epoch milliseconds, so some machines are written that way to keep clients honest.
/// </summary>
internal sealed class MachineJson(FlyStandInOptions options)
{
    public IResult One(LocalMachine machine) => Results.Content(ToNode(machine).ToJsonString(), "application/json");

    public IResult Many(IEnumerable<LocalMachine> machines) =>
        Results.Content(new JsonArray([.. machines.Select(ToNode)]).ToJsonString(), "application/json");

    private JsonNode ToNode(LocalMachine machine)
    {
        var contract = machine.ToContract();
        var node = JsonSerializer.SerializeToNode(contract, FlyJsonContext.Default.Machine)!;
        if (!UsesEpochMilliseconds(machine) || node["events"] is not JsonArray events)
        {
            return node;
        }

        for (var i = 0; i < events.Count; i++)
        {
            if (contract.Events![i].Request?.ExitEvent?.ExitedAt is { } exitedAt
                && events[i]?["request"]?["exit_event"] is JsonObject exitEvent)
            {
                exitEvent["exited_at"] = exitedAt.ToUnixTimeMilliseconds();
            }
        }

        return node;
    }

    private bool UsesEpochMilliseconds(LocalMachine machine) => options.ExitedAtFormat switch
    {
        ExitedAtFormat.EpochMilliseconds => true,
        ExitedAtFormat.Alternate => machine.Sequence % 2 == 1,
        _ => false,
    };
}

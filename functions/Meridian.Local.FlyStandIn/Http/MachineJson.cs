using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Meridian.Core.Machines.Fly;
using Meridian.Local.FlyStandIn.Machines;
using Microsoft.AspNetCore.Http;

namespace Meridian.Local.FlyStandIn.Http;

/// <summary>
/// Machines as JSON through FlyJsonContext, then put in the forms Fly itself uses, so clients meet
/// them: exited_at as RFC 3339 or epoch milliseconds, the exit under <c>request</c> or under
/// <c>request.MonitorEvent</c> (each alternating between machines unless set), and the stop timeout
/// as Fly documents it, nanoseconds.
/// </summary>
internal sealed class MachineJson(FlyStandInOptions options)
{
    public IResult One(LocalMachine machine) => Results.Content(ToNode(machine).ToJsonString(), "application/json");

    /// <summary>The machines, then the foreign ones (already Fly's JSON) after them.</summary>
    public IResult Many(IEnumerable<LocalMachine> machines, IEnumerable<JsonNode>? foreign = null) =>
        Results.Content(new JsonArray([.. machines.Select(ToNode), .. foreign ?? []]).ToJsonString(), "application/json");

    public static IResult Foreign(JsonNode machine) => Results.Content(machine.ToJsonString(), "application/json");

    private JsonNode ToNode(LocalMachine machine)
    {
        var contract = machine.ToContract();
        var node = JsonSerializer.SerializeToNode(contract, FlyJsonContext.Default.Machine)!;
        AddWhatMeridianDoesNotModel(node.AsObject(), machine);
        if (node["config"]?["stop_config"] is JsonObject stopConfig
            && stopConfig["timeout"]?.GetValue<string>() is { } timeout
            && GoDuration.TryParse(timeout, out var duration))
        {
            stopConfig["timeout"] = duration.Ticks * 100; // nanoseconds
        }

        if (node["events"] is not JsonArray events)
        {
            return node;
        }

        for (var i = 0; i < events.Count; i++)
        {
            if (events[i]?["request"] is not JsonObject request || request["exit_event"] is not JsonObject exitEvent)
            {
                continue;
            }

            if (UsesEpochMilliseconds(machine) && contract.Events![i].Request?.ExitEvent?.ExitedAt is { } exitedAt)
            {
                exitEvent["exited_at"] = exitedAt.ToUnixTimeMilliseconds();
            }

            if (UsesMonitorEvent(machine))
            {
                request.Remove("exit_event");
                request["MonitorEvent"] = new JsonObject { ["exit_event"] = exitEvent };
            }
        }

        return node;
    }

    /// <summary>Fields every machine of Fly's carries that Meridian's types leave out: a client must read past them.</summary>
    private static void AddWhatMeridianDoesNotModel(JsonObject node, LocalMachine machine)
    {
        node["private_ip"] ??= $"fdaa:0:3b99:a7b:{machine.Sequence % 0xffff:x}:0:0:2";
        node["image_ref"] = ImageRef(machine.Config.Image);
        node["incomplete_config"] = null;
        node["host_status"] = "ok";
    }

    /// <summary><c>registry/repository:tag</c> as Fly splits it, with a digest made from the reference.</summary>
    private static JsonObject ImageRef(string image)
    {
        var slash = image.IndexOf('/', StringComparison.Ordinal);
        var (registry, rest) = slash > 0 && image[..slash].Contains('.', StringComparison.Ordinal) ? (image[..slash], image[(slash + 1)..]) : ("registry-1.docker.io", image);
        var colon = rest.LastIndexOf(':');
        var (repository, tag) = colon > rest.LastIndexOf('/') && colon > 0 ? (rest[..colon], rest[(colon + 1)..]) : (rest, "latest");
        return new JsonObject
        {
            ["registry"] = registry,
            ["repository"] = repository,
            ["tag"] = tag,
            ["digest"] = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(image))),
        };
    }

    private bool UsesEpochMilliseconds(LocalMachine machine) => options.ExitedAtFormat switch
    {
        ExitedAtFormat.EpochMilliseconds => true,
        ExitedAtFormat.Alternate => machine.Sequence % 2 == 1,
        _ => false,
    };

    // Out of step with the timestamp form, so all four combinations come up.
    private bool UsesMonitorEvent(LocalMachine machine) => options.ExitEventPlace switch
    {
        ExitEventPlace.MonitorEvent => true,
        ExitEventPlace.Alternate => machine.Sequence % 4 >= 2,
        _ => false,
    };
}

using System.Text.Json.Nodes;

namespace Meridian.Local.FlyStandIn.Machines;

/// <summary>
/// Machines of the app that Meridian did not make (another tool's, a deploy's), kept as the JSON Fly
/// answers for them: they show in lists that match them and answer a get, as on Fly, and run nothing.
/// A client must read past them and leave them alone; a delete removes one and is counted.
/// </summary>
internal sealed class ForeignMachines(FlyStandInOptions options)
{
    private readonly Lock gate = new();
    private readonly List<JsonObject> machines = [.. options.ForeignMachines.Select(json => JsonNode.Parse(json)!.AsObject())];
    private int deleted;

    public int Deleted => Volatile.Read(ref deleted);

    /// <summary>Copies of the machines in <paramref name="region"/> (empty: any) whose metadata has every pair of <paramref name="metadata"/>.</summary>
    public IReadOnlyList<JsonNode> Matching(string region, IReadOnlyList<(string Key, string Value)> metadata)
    {
        lock (gate)
        {
            return [.. machines
                .Where(machine => region.Length == 0 || string.Equals((string?)machine["region"], region, StringComparison.OrdinalIgnoreCase))
                .Where(machine => metadata.All(pair => (string?)machine["config"]?["metadata"]?[pair.Key] == pair.Value))
                .Select(machine => machine.DeepClone())];
        }
    }

    public JsonNode? Find(string id)
    {
        lock (gate)
        {
            return machines.FirstOrDefault(machine => (string?)machine["id"] == id)?.DeepClone();
        }
    }

    public bool Remove(string id)
    {
        lock (gate)
        {
            if (machines.RemoveAll(machine => (string?)machine["id"] == id) == 0)
            {
                return false;
            }

            deleted++;
            return true;
        }
    }
}

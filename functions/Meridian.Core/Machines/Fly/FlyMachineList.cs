using System.Text.Json;

namespace Meridian.Core.Machines.Fly;

/// <summary>
/// A machine list read one machine at a time: the app may hold machines Meridian did not create (or
/// made by an older config), and one that cannot be read must not hide the others. What is skipped is
/// handed to the caller with its id, when it has one, to be logged.
/// </summary>
public static class FlyMachineList
{
    public static IReadOnlyList<Machine> Read(IEnumerable<JsonElement> machines, Action<string, string> skipped)
    {
        ArgumentNullException.ThrowIfNull(machines);
        ArgumentNullException.ThrowIfNull(skipped);
        var read = new List<Machine>();
        foreach (var element in machines)
        {
            try
            {
                read.Add(element.Deserialize(FlyJsonContext.Default.Machine) ?? throw new JsonException("null"));
            }
            catch (JsonException error)
            {
                skipped(IdOf(element), error.Message);
            }
        }

        return read;
    }

    private static string IdOf(JsonElement element) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String
            ? id.GetString()!
            : "(no id)";
}

using System.Text.Json;
using Meridian.Core.Machines.Fly;
using Meridian.Testing;
using YamlDotNet.RepresentationModel;

namespace Meridian.Core.Tests.Machines.Fly;

/// <summary>
/// The create request the client sends uses Fly's field names and JSON types, as the reference
/// OpenAPI document defines them for every object and field Meridian uses. Reference/ holds a copy of
/// the project's reference spec (2024-01; older than the live API, so only fields we send are checked).
/// </summary>
public class FlyCreateRequestContractTests
{
    private static readonly YamlMappingNode Schemas = LoadSchemas();

    public static TheoryData<string, string> SentFields()
    {
        var data = new TheoryData<string, string>();
        var request = JsonSerializer.SerializeToElement(
            FlyMachineRequests.For(FlyRegionMachinesTests.Job, new FlyOptions { AppName = "a", WorkerImage = "img", ApiToken = "t" }),
            FlyJsonContext.Default.CreateMachineRequest);
        Collect(request, "CreateMachineRequest", data);
        return data;
    }

    [Theory]
    [MemberData(nameof(SentFields))]
    public void Every_field_sent_is_in_the_reference_schema_with_the_same_JSON_type(string schema, string fieldAndKind)
    {
        var (field, kind) = (fieldAndKind.Split(':')[0], fieldAndKind.Split(':')[1]);
        var properties = Properties(schema);

        Assert.True(properties.Children.ContainsKey(field), $"{schema} has no field '{field}' in the reference spec");
        Assert.Equal(kind, SpecKind((YamlMappingNode)properties.Children[field]));
    }

    [Fact]
    public void The_contract_reaches_the_nested_objects() =>
        Assert.Superset(
            new HashSet<string> { "CreateMachineRequest", "api.MachineConfig", "api.MachineGuest", "api.MachineRestart", "api.StopConfig" },
            SentFields().Select(row => (string)row[0]).ToHashSet());

    private static void Collect(JsonElement value, string schema, TheoryData<string, string> data)
    {
        foreach (var property in value.EnumerateObject())
        {
            data.Add(schema, $"{property.Name}:{JsonKind(property.Value)}");
            if (property.Value.ValueKind == JsonValueKind.Object && NestedSchema(schema, property.Name) is { } nested)
            {
                Collect(property.Value, nested, data);
            }
        }
    }

    private static string? NestedSchema(string schema, string field)
    {
        var node = (YamlMappingNode)Properties(schema).Children[field];
        var reference = node.Children.TryGetValue("allOf", out var allOf)
            ? ((YamlMappingNode)((YamlSequenceNode)allOf).Children[0]).Children["$ref"]
            : node.Children.TryGetValue("$ref", out var direct) ? direct : null;
        return reference is null ? null : ((YamlScalarNode)reference).Value!.Split('/')[^1];
    }

    private static YamlMappingNode Properties(string schema) =>
        (YamlMappingNode)((YamlMappingNode)Schemas.Children[schema]).Children["properties"];

    private static string JsonKind(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "object",
        JsonValueKind.Array => "array",
        JsonValueKind.String => "string",
        JsonValueKind.Number => "integer",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        _ => value.ValueKind.ToString(),
    };

    private static string SpecKind(YamlMappingNode field) =>
        field.Children.TryGetValue("type", out var type) ? ((YamlScalarNode)type).Value! : "object";

    private static YamlMappingNode LoadSchemas()
    {
        var path = RepositoryPaths.Combine("tests", "Meridian.Core.Tests", "Machines", "Fly", "Reference", "fly-machines-openapi-2024-01.yaml");
        using var reader = File.OpenText(path);
        var yaml = new YamlStream();
        yaml.Load(reader);
        var root = (YamlMappingNode)yaml.Documents[0].RootNode;
        return (YamlMappingNode)((YamlMappingNode)root.Children["components"]).Children["schemas"];
    }
}

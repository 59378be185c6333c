using System.Text.Json;
using Meridian.Infrastructure.Tests.Support;

namespace Meridian.Infrastructure.Tests;

/// <summary>infra-bicep/ builds and lints with the real Bicep CLI, offline, without a single diagnostic.</summary>
[Collection(SharedInfraBicep.Name)]
public class BicepCliTests(InfraBicep infra)
{
    // Rules left off in bicepconfig.json, and why (README.md, "Checks"): the first fails a build that has
    // not changed as the calendar moves on; the second asks a module registry, which needs the network.
    private static readonly string[] RulesLeftOff = ["use-recent-api-versions", "use-recent-module-versions"];

    [Fact]
    public async Task Main_template_builds_to_an_ARM_template_without_a_diagnostic()
    {
        var output = await infra.RunCleanAsync("build", "main.bicep", "--stdout");

        using var template = JsonDocument.Parse(output);
        Assert.Contains("deploymentTemplate.json", template.RootElement.GetProperty("$schema").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_bicep_file_lints_without_a_diagnostic()
    {
        // The repository's files (the copy also holds the deliberate violations below), linted in the copy.
        var source = BuildPaths.InRepository("infra-bicep");
        var files = Directory.GetFiles(source, "*.bicep", SearchOption.AllDirectories).Select(file => Path.GetRelativePath(source, file)).ToList();
        Assert.Contains(Path.Combine("modules", "functionapp.bicep"), files);

        foreach (var file in files)
        {
            await infra.RunCleanAsync("lint", file);
        }
    }

    [Fact]
    public async Task Example_parameters_file_builds_and_sets_no_secret()
    {
        var output = await infra.RunCleanAsync("build-params", "main.bicepparam", "--stdout");

        using var built = JsonDocument.Parse(output);
        using var parameters = JsonDocument.Parse(built.RootElement.GetProperty("parametersJson").GetString()!);
        var values = parameters.RootElement.GetProperty("parameters");
        Assert.Equal("", values.GetProperty("flyApiToken").GetProperty("value").GetString());
        Assert.Equal("", values.GetProperty("callbackSigningKey").GetProperty("value").GetString());
    }

    [Fact]
    public async Task Snapshot_of_the_example_deployment_has_no_diagnostic()
    {
        var snapshot = await infra.MainSnapshotAsync();

        Assert.NotEmpty(snapshot.Resources);
    }

    [Fact]
    public void Bicepconfig_raises_every_linter_rule_it_names_to_an_error_except_the_offline_ones()
    {
        using var config = JsonDocument.Parse(File.ReadAllText(Path.Combine(infra.Folder, "bicepconfig.json")));
        var core = config.RootElement.GetProperty("analyzers").GetProperty("core");
        Assert.True(core.GetProperty("enabled").GetBoolean());

        var levels = core.GetProperty("rules").EnumerateObject().ToDictionary(rule => rule.Name, rule => rule.Value.GetProperty("level").GetString());
        Assert.All(RulesLeftOff, rule => Assert.Equal("off", levels[rule]));
        Assert.All(levels.Where(rule => !RulesLeftOff.Contains(rule.Key)), rule => Assert.Equal("error", rule.Value));
    }

    public static TheoryData<string, string> Violations() => new()
    {
        { "no-unused-params", "@description('Never used.')\nparam unused string\n" },
        { "no-unused-vars", "var unused = 1\n" },
        { "no-hardcoded-location", "resource id 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' = {\n  name: 'x'\n  location: 'westeurope'\n}\n" },
        { "no-hardcoded-env-urls", "@description('An endpoint.')\noutput endpoint string = 'https://management.azure.com/'\n" },
        { "secure-parameter-default", "@description('A secret.')\n@secure()\nparam token string = 'not-a-secret'\n\n@description('Its length.')\noutput length int = length(token)\n" },
        { "outputs-should-not-contain-secrets", "@description('A secret.')\n@secure()\nparam token string\n\n@description('The secret.')\noutput leaked string = token\n" },
        { "use-description-params", "param undocumented string\n\n@description('Its length.')\noutput length int = length(undocumented)\n" },
        { "use-user-defined-types", "@description('Anything.')\nparam settings object\n\n@description('Its keys.')\noutput names string[] = objectKeys(settings)\n" },
        { "use-description-outputs", "output undocumented int = 1\n" },
        { "no-explicit-any", "@description('Anything.')\nparam value any\n\n@description('As text.')\noutput text string = string(value)\n" },
    };

    // Bicep ignores a rule name it does not know, so only a violation proves the configured name is live.
    [Theory]
    [MemberData(nameof(Violations))]
    public async Task Bicepconfig_makes_a_violation_of_the_rule_fail_the_lint(string rule, string bicep)
    {
        var file = Path.Combine(infra.Folder, $"violates-{rule}.bicep");
        await File.WriteAllTextAsync(file, bicep);

        var result = await infra.RunAsync("lint", file);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains($"Error {rule}:", result.StandardError, StringComparison.Ordinal);
    }
}

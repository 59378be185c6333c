using System.Text.Json;
using System.Text.RegularExpressions;
using Meridian.Infrastructure.Tests.Support;

namespace Meridian.Infrastructure.Tests;

/// <summary>infra-bicep/README.md says what the template and the repository do: its paths, parameters, names and settings.</summary>
[Collection(SharedInfraBicep.Name)]
public partial class ReadmeTests(InfraBicep infra)
{
    private static readonly string Readme = File.ReadAllText(BuildPaths.InRepository("infra-bicep", "README.md"));

    [Fact]
    public void Every_repository_path_the_README_names_exists()
    {
        var paths = RepositoryPath().Matches(Readme).Select(match => match.Value).Distinct().ToList();
        Assert.Contains("infra-bicep/main.bicepparam", paths);
        Assert.Contains("worker/Dockerfile", paths);

        Assert.All(paths, path => Assert.True(
            File.Exists(BuildPaths.InRepository(path)) || Directory.Exists(BuildPaths.InRepository(path)),
            $"README.md names {path}, which does not exist"));
    }

    [Fact]
    public void Every_file_in_the_README_s_file_table_exists_in_infra_bicep()
    {
        var files = FileTableRow().Matches(Readme).Select(match => match.Groups["file"].Value).ToList();

        Assert.Contains("modules/storage.bicep", files);
        Assert.All(files, file => Assert.True(File.Exists(BuildPaths.InRepository("infra-bicep", file)), $"infra-bicep/{file} does not exist"));
        Assert.All(Directory.GetFiles(BuildPaths.InRepository("infra-bicep", "modules")), module =>
            Assert.Contains($"modules/{Path.GetFileName(module)}", files));
    }

    [Fact]
    public async Task Parameter_table_lists_exactly_the_parameters_of_main_bicep()
    {
        using var template = JsonDocument.Parse(await infra.RunCleanAsync("build", "main.bicep", "--stdout"));
        var parameters = template.RootElement.GetProperty("parameters").EnumerateObject().Select(parameter => parameter.Name);
        var documented = ParameterTableRow().Matches(Section("### Parameters")).Select(match => match.Groups["name"].Value);

        Assert.Equal(parameters.Order(StringComparer.Ordinal), documented.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void App_settings_section_lists_every_difference_from_the_sample()
    {
        var section = Section("### App settings");
        var differences = AppSettingsTests.ReplacedInAzure.Keys.Concat(AppSettingsTests.LeftToCodeDefault).Concat(AppSettingsTests.OnlyInAzure.Keys);

        Assert.All(differences, name => Assert.Contains($"`{name}`", section, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Commands_use_the_template_s_secret_names_and_the_parameter_file_s_variables()
    {
        var snapshot = await infra.MainSnapshotAsync();
        var parameterFile = await File.ReadAllTextAsync(BuildPaths.InRepository("infra-bicep", "main.bicepparam"));

        foreach (var secret in snapshot.Outputs.GetProperty("keyVaultSecretNames").EnumerateObject())
        {
            Assert.Contains($"--name {secret.Value.GetString()} ", Readme, StringComparison.Ordinal);
        }

        foreach (var variable in new[] { "MERIDIAN_FLY_API_TOKEN", "MERIDIAN_CALLBACK_SIGNING_KEY" })
        {
            Assert.Contains($"readEnvironmentVariable('{variable}'", parameterFile, StringComparison.Ordinal);
            Assert.Contains($"`{variable}`", Readme, StringComparison.Ordinal);
        }

        Assert.Contains($"`{snapshot.Outputs.GetProperty("deploymentContainer").GetString()}`", Readme, StringComparison.Ordinal);
    }

    /// <summary>The README from a heading to the next heading of any level.</summary>
    private static string Section(string heading)
    {
        var start = Readme.IndexOf(heading + "\n", StringComparison.Ordinal);
        Assert.True(start >= 0, $"README.md has no {heading}");
        var end = Readme.IndexOf("\n#", start + heading.Length, StringComparison.Ordinal);
        return end < 0 ? Readme[start..] : Readme[start..end];
    }

    // A path from the repository root, standing on its own (not inside a URL or a longer path).
    [GeneratedRegex(@"(?<=[\s`(""'])(?:infra-bicep|worker|functions|tests|docs)/[\w./-]*\w")]
    private static partial Regex RepositoryPath();

    [GeneratedRegex(@"^\| `(?<file>[\w./-]+\.(?:bicep|bicepparam|json))` \|", RegexOptions.Multiline)]
    private static partial Regex FileTableRow();

    [GeneratedRegex(@"^\| `(?<name>\w+)` \|", RegexOptions.Multiline)]
    private static partial Regex ParameterTableRow();
}

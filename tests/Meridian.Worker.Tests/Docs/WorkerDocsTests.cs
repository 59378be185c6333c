using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using Meridian.Contract.Delivery;
using Meridian.Contract.Jobs;
using Meridian.Contract.Results;
using Meridian.Contract;
using Meridian.Testing;
using Meridian.Worker.Delivery;
using Meridian.Worker.Lighthouse;

namespace Meridian.Worker.Tests.Docs;

/// <summary>worker/README.md and worker/Dockerfile must say what the code does.</summary>
public partial class WorkerDocsTests
{
    private static readonly string Readme = File.ReadAllText(RepositoryPaths.Combine("worker", "README.md"));

    private static readonly string DockerfileText = File.ReadAllText(RepositoryPaths.Combine("worker", "Dockerfile"));

    /// <summary>The Dockerfile's instructions: comments dropped, continuation lines joined.</summary>
    private static readonly List<string> Instructions = ParseInstructions(DockerfileText);

    public static TheoryData<string> EnvironmentVariables()
    {
        var data = new TheoryData<string>();
        foreach (var name in StringConstants(typeof(WorkerEnvironment)).Concat(StringConstants(typeof(WorkerSettingsReader))).Distinct(StringComparer.Ordinal))
        {
            data.Add(name);
        }

        return data;
    }

    public static TheoryData<string, int> ExitCodes()
    {
        var data = new TheoryData<string, int>();
        foreach (var field in typeof(WorkerExitCodes).GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral && f.FieldType == typeof(int)))
        {
            data.Add(field.Name, (int)field.GetRawConstantValue()!);
        }

        return data;
    }

    public static TheoryData<string, double> TimeBudget() => new()
    {
        { $"{nameof(WorkerApp)}.{nameof(WorkerApp.MeasurementReserve)}", WorkerApp.MeasurementReserve.TotalSeconds },
        { $"{nameof(RunSeries)}.{nameof(RunSeries.MinimumRunTime)}", RunSeries.MinimumRunTime.TotalSeconds },
        { $"{nameof(CallbackSender)}.{nameof(CallbackSender.AttemptTimeout)}", CallbackSender.AttemptTimeout.TotalSeconds },
        { $"{nameof(ResultDeliverer)}.{nameof(ResultDeliverer.FallbackReserve)}", ResultDeliverer.FallbackReserve.TotalSeconds },
        { $"{nameof(ResultDeliverer)}.{nameof(ResultDeliverer.FallbackMinimumTime)}", ResultDeliverer.FallbackMinimumTime.TotalSeconds },
        { $"{nameof(WorkerApp)}.{nameof(WorkerApp.ReportUploadTimeout)}", WorkerApp.ReportUploadTimeout.TotalSeconds },
        { $"{nameof(ResultDeliverer)}.{nameof(ResultDeliverer.CallbackTimeAfterStop)}", ResultDeliverer.CallbackTimeAfterStop.TotalSeconds },
        { $"{nameof(ResultDeliverer)}.{nameof(ResultDeliverer.FallbackTimeAfterStop)}", ResultDeliverer.FallbackTimeAfterStop.TotalSeconds },
    };

    [Fact]
    public void Environment_variable_names_are_found_by_reflection()
    {
        // Guards the theory below against an empty data set passing vacuously.
        Assert.Contains(WorkerEnvironment.CallbackKey, StringConstants(typeof(WorkerEnvironment)));
        Assert.Contains(WorkerSettingsReader.ChromeNoSandbox, StringConstants(typeof(WorkerSettingsReader)));
    }

    [Theory]
    [MemberData(nameof(EnvironmentVariables))]
    public void Readme_documents_every_environment_variable(string name)
    {
        Assert.Contains($"`{name}`", Readme, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(ExitCodes))]
    public void Readme_gives_every_exit_code_with_its_number(string name, int code)
    {
        var number = $"`{code.ToString(CultureInfo.InvariantCulture)}`";
        Assert.Contains(ReadmeLines(), line => line.Contains($"`{name}`", StringComparison.Ordinal) && line.Contains(number, StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(TimeBudget))]
    public void Readme_states_the_time_budget_the_code_has(string constant, double seconds)
    {
        var value = $"| {seconds.ToString(CultureInfo.InvariantCulture)} s |";
        Assert.Contains(ReadmeLines(), line => line.Contains($"`{constant}`", StringComparison.Ordinal) && line.Contains(value, StringComparison.Ordinal));
    }

    [Fact]
    public void Readme_documents_the_signature_headers_and_the_fallback_metadata()
    {
        Assert.All(
            [
                CallbackSignature.TimestampHeader,
                CallbackSignature.SignatureHeader,
                CallbackSignature.Version,
                FallbackBlobFormat.TimestampMetadata,
                FallbackBlobFormat.SignatureMetadata,
            ],
            name => Assert.Contains(name, Readme, StringComparison.Ordinal));
    }

    [Fact]
    public void Readme_example_result_is_a_region_result_with_every_field()
    {
        var json = JsonBlock().Match(Readme).Groups[1].Value;
        Assert.NotEmpty(json);

        var result = JsonSerializer.Deserialize<RegionResult>(json, ContractJson.Options);
        Assert.NotNull(result);
        Assert.True(result.Succeeded);
        Assert.NotNull(result.Summary);

        // The example shows every field, in the payload's own spelling.
        using var example = JsonDocument.Parse(json);
        Assert.Equal(JsonNames<RegionResult>(), example.RootElement.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal(JsonNames<RegionResultSummary>(), example.RootElement.GetProperty("summary").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Dockerfile_runs_the_worker_as_a_non_root_user()
    {
        var users = Instructions.Select((text, index) => (Text: text, Index: index)).Where(i => Keyword(i.Text) == "USER").ToList();
        var entrypoint = Instructions.FindLastIndex(i => Keyword(i) == "ENTRYPOINT");

        Assert.NotEmpty(users);
        Assert.True(entrypoint >= 0, "The Dockerfile has no ENTRYPOINT.");
        var user = users[^1];
        Assert.True(user.Index < entrypoint, "USER must come before ENTRYPOINT.");

        var name = Arguments(user.Text).Split(':')[0];
        Assert.NotEqual("root", name);
        Assert.NotEqual("0", name);

        // Exec form: the worker itself receives Fly's SIGTERM.
        Assert.StartsWith("[", Arguments(Instructions[entrypoint]), StringComparison.Ordinal);
    }

    [Fact]
    public void Dockerfile_installs_chromium_without_recommended_packages()
    {
        var install = Assert.Single(Instructions, i => Keyword(i) == "RUN" && i.Contains("apt-get install", StringComparison.Ordinal));

        Assert.Matches(@"\schromium(\s|$)", install);
        Assert.Contains("--no-install-recommends", install, StringComparison.Ordinal);
        Assert.Contains("rm -rf /var/lib/apt/lists/*", install, StringComparison.Ordinal);
        Assert.Contains(Instructions, i => Keyword(i) == "ENV" && i.Contains("CHROME_PATH=/usr/bin/chromium", StringComparison.Ordinal));
    }

    [Fact]
    public void Dockerfile_installs_lighthouse_with_npm_ci_from_the_lock_file()
    {
        Assert.Contains(Instructions, i => Keyword(i) == "COPY" && i.Contains("worker/package-lock.json", StringComparison.Ordinal));
        var npm = Assert.Single(Instructions, i => Keyword(i) == "RUN" && i.Contains("npm ", StringComparison.Ordinal));
        Assert.Contains("npm ci", npm, StringComparison.Ordinal);
        Assert.Contains("--omit=dev", npm, StringComparison.Ordinal);
    }

    [Fact]
    public void Dockerfile_never_turns_off_chromes_sandbox()
    {
        // Not even in a comment; and the escape hatch is for the platform to set, never the image.
        Assert.DoesNotContain("--no-sandbox", DockerfileText, StringComparison.Ordinal);
        Assert.DoesNotContain(Instructions, i => i.Contains(WorkerSettingsReader.ChromeNoSandbox, StringComparison.Ordinal));
    }

    [Fact]
    public void Dockerfile_copies_only_paths_that_exist_in_the_repository()
    {
        var copies = Instructions.Where(i => Keyword(i) == "COPY" && !i.Contains("--from=", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(copies);

        foreach (var copy in copies)
        {
            var parts = Arguments(copy).Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(p => !p.StartsWith("--", StringComparison.Ordinal)).ToArray();
            foreach (var source in parts[..^1])
            {
                var path = RepositoryPaths.Combine(source.TrimEnd('/').Split('/'));
                Assert.True(File.Exists(path) || Directory.Exists(path), $"COPY source '{source}' is not in the repository.");
            }
        }
    }

    [Fact]
    public void Dockerignore_keeps_build_output_and_installed_packages_out_of_the_context()
    {
        // The context is the repository root, so Docker reads the root .dockerignore.
        var patterns = File.ReadAllLines(RepositoryPaths.Combine(".dockerignore")).Select(l => l.Trim()).ToHashSet(StringComparer.Ordinal);

        Assert.All(["**/bin", "**/obj", "**/node_modules", "**/TestResults", ".git"], pattern => Assert.Contains(pattern, patterns));
    }

    private static string[] ReadmeLines() => Readme.Split('\n');

    private static List<string> StringConstants(Type type) =>
        [.. type.GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .Select(f => (string)f.GetRawConstantValue()!)];

    private static List<string> JsonNames<T>() =>
        [.. typeof(T).GetProperties().Select(p => ContractJson.Options.PropertyNamingPolicy!.ConvertName(p.Name)).Order(StringComparer.Ordinal)];

    private static List<string> ParseInstructions(string dockerfile)
    {
        var instructions = new List<string>();
        var current = string.Empty;
        foreach (var raw in dockerfile.Split('\n'))
        {
            var line = raw.Trim();
            if (line.StartsWith('#') || line.Length == 0)
            {
                continue;
            }

            var continues = line.EndsWith('\\');
            current += " " + (continues ? line[..^1].Trim() : line);
            if (!continues)
            {
                instructions.Add(current.Trim());
                current = string.Empty;
            }
        }

        return instructions;
    }

    private static string Keyword(string instruction) => instruction.Split(' ', 2)[0].ToUpperInvariant();

    [GeneratedRegex("```json\\n(.*?)\\n```", RegexOptions.Singleline)]
    private static partial Regex JsonBlock();

    private static string Arguments(string instruction) => instruction.Split(' ', 2) is [_, var rest] ? rest.Trim() : string.Empty;
}

using System.Text.RegularExpressions;
using Meridian.Testing;

namespace Meridian.Core.Tests.Orchestration;

/// <summary>
/// The replay host catches non-determinism on the paths the tests take; this catches it on every
/// line of orchestration code, including branches no test reaches.
/// </summary>
public partial class OrchestrationCodeRulesTests
{
    public static TheoryData<string> OrchestrationFiles()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(RepositoryPaths.Combine("functions", "Meridian.Core", "Orchestration"), "*.cs"))
        {
            data.Add(Path.GetFileName(file));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(OrchestrationFiles))]
    public void Orchestration_code_uses_no_clock_randomness_threads_or_io_outside_the_context(string file)
    {
        var source = File.ReadAllText(RepositoryPaths.Combine("functions", "Meridian.Core", "Orchestration", file));

        var violations = ForbiddenInOrchestrations().Matches(source).Select(m => m.Value).Distinct().ToList();

        Assert.True(violations.Count == 0, $"{file} uses {string.Join(", ", violations)}; orchestration code must go through IOrchestrationContext.");
    }

    [Fact]
    public void The_rule_recognises_what_it_forbids() =>
        Assert.Equal(
            ["DateTime.UtcNow", "Guid.NewGuid", "Task.Delay", "ConfigureAwait(false)", "Environment.GetEnvironmentVariable", "new Random", "File.", "HttpClient"],
            ForbiddenInOrchestrations()
                .Matches("DateTime.UtcNow Guid.NewGuid Task.Delay ConfigureAwait(false) Environment.GetEnvironmentVariable new Random File.Read HttpClient context.NewGuid")
                .Select(m => m.Value));

    [GeneratedRegex(@"DateTime(Offset)?\.(UtcNow|Now|Today)|Guid\.NewGuid|Task\.(Delay|Run|Factory)|Thread\.Sleep|ConfigureAwait\(false\)|Environment\.\w+|new Random|Random\.Shared|Stopwatch|TimeProvider|\bFile\.|HttpClient|IConfiguration|IOptions")]
    private static partial Regex ForbiddenInOrchestrations();
}

using System.Text.RegularExpressions;
using Meridian.Testing;

namespace Meridian.Core.Tests.Audits.Orchestration;

/// <summary>
/// Microsoft.DurableTask.Analyzers check determinism across everything an orchestrator calls; these
/// are the rules they do not know.
/// </summary>
public partial class OrchestrationCodeRulesTests
{
    public static TheoryData<string> OrchestrationFiles()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(RepositoryPaths.Combine("functions", "Meridian.Core", "Audits", "Orchestration"), "*.cs"))
        {
            data.Add(Path.GetFileName(file));
        }

        return data;
    }

    /// <summary>
    /// The Functions host rewrites an activity's exception message on its way back ("A: B" arrives as "B",
    /// Azure SDK errors as "503 (Server Busy)"), so nothing in a report may be built from one: what a report
    /// needs travels in activity results.
    /// </summary>
    [Theory]
    [MemberData(nameof(OrchestrationFiles))]
    public void Orchestration_code_never_reads_an_activity_failures_message(string file)
    {
        var source = File.ReadAllText(RepositoryPaths.Combine("functions", "Meridian.Core", "Audits", "Orchestration", file));

        var reads = FailureMessageReads().Matches(source).Select(m => m.Value).Distinct().ToList();

        Assert.True(reads.Count == 0, $"{file} reads {string.Join(", ", reads)}; carry what the report needs in the activity's result.");
    }

    [Fact]
    public void The_rule_recognises_what_it_forbids() =>
        Assert.Equal(
            ["FailureDetails", ".ErrorMessage", "failure.Message", "e.Message"],
            FailureMessageReads().Matches("x.FailureDetails y.ErrorMessage failure.Message e.Message MessageId region.Reason").Select(m => m.Value));

    [GeneratedRegex(@"FailureDetails|\.ErrorMessage|\b(failure|error|exception|e|ex)\.Message\b")]
    private static partial Regex FailureMessageReads();
}

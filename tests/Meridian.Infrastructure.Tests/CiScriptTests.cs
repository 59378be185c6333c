using System.Text.RegularExpressions;
using Meridian.Infrastructure.Tests.Support;

namespace Meridian.Infrastructure.Tests;

/// <summary>CI runs what README.md tells a developer to run, so the two cannot drift apart.</summary>
public partial class CiScriptTests
{
    [Fact]
    public void Ci_runs_the_readme_s_test_command()
    {
        var readme = File.ReadAllText(BuildPaths.InRepository("README.md"));
        var ci = File.ReadAllText(BuildPaths.InRepository(".ci", "run"));

        var command = TestCommand().Match(readme);

        Assert.True(command.Success, "README.md has no \"Run the tests:\" command block");
        Assert.Contains("dotnet test Functions.sln", command.Groups["command"].Value, StringComparison.Ordinal);
        Assert.Contains(command.Groups["command"].Value.Trim() + " ", ci, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"Run the tests:\s*```\s*\n(?<command>[^\n]+)\n```")]
    private static partial Regex TestCommand();
}

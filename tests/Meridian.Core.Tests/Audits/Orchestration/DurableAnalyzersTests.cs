using System.Diagnostics;
using Meridian.Testing;

namespace Meridian.Core.Tests.Audits.Orchestration;

/// <summary>
/// Meridian.Core's orchestration code is held deterministic by Microsoft.DurableTask.Analyzers, as
/// errors (warnings are errors here). This proves the rules are live in this repository's build: a
/// probe project with the same props and an orchestrator that reads the clock in a helper fails to build.
/// </summary>
public class DurableAnalyzersTests
{
    private const string ProbeProject = """
        <Project Sdk="Microsoft.NET.Sdk">
          <ItemGroup>
            <PackageReference Include="Microsoft.DurableTask.Abstractions" />
            <PackageReference Include="Microsoft.DurableTask.Analyzers" PrivateAssets="all" />
          </ItemGroup>
        </Project>
        """;

    private const string NonDeterministicOrchestrator = """
        using Microsoft.DurableTask;

        namespace Probe;

        public sealed class ProbeOrchestration : TaskOrchestrator<string, string>
        {
            public override Task<string> RunAsync(TaskOrchestrationContext context, string input) => Task.FromResult(Stamp());

            // Not in the orchestrator's own method: the analyzers follow the calls it makes.
            private static string Stamp() => DateTime.UtcNow.ToString("O");
        }
        """;

    [Fact]
    public async Task An_orchestrator_reading_the_clock_in_a_helper_does_not_build()
    {
        // Inside the repository, so the probe gets its Directory.Build.props and package versions.
        var folder = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, $"analyzer-probe-{Guid.NewGuid():N}"));
        try
        {
            await File.WriteAllTextAsync(Path.Combine(folder.FullName, "Probe.csproj"), ProbeProject);
            await File.WriteAllTextAsync(Path.Combine(folder.FullName, "ProbeOrchestration.cs"), NonDeterministicOrchestrator);

            var (exitCode, output) = await BuildAsync(folder.FullName);

            Assert.NotEqual(0, exitCode);
            Assert.Contains("DURABLE0001", output, StringComparison.Ordinal);
            Assert.Contains("ProbeOrchestration.cs", output, StringComparison.Ordinal);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static async Task<(int ExitCode, string Output)> BuildAsync(string folder)
    {
        var start = new ProcessStartInfo("dotnet", ["build", "Probe.csproj", "-nologo", "-v", "q"])
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        using var build = Process.Start(start)!;
        var output = build.StandardOutput.ReadToEndAsync();
        var error = build.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await build.WaitForExitAsync(timeout.Token);
        return (build.ExitCode, await output + await error);
    }
}

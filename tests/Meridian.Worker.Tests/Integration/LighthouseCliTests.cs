using Meridian.Contract.Jobs;
using Meridian.Testing.Web;
using Meridian.Testing.Worker;
using Meridian.Worker.Lighthouse;

namespace Meridian.Worker.Tests.Integration;

/// <summary>One real Lighthouse run at a time, through the CLI the worker drives.</summary>
[Collection(RealLighthouse.Name)]
public sealed class LighthouseCliTests(WorkerTestBed bed) : IDisposable
{
    private readonly string workDirectory = Directory.CreateTempSubdirectory("meridian-lh-test-").FullName;

    [Fact]
    public async Task Run_that_outlives_its_time_limit_is_killed_with_every_chrome_process()
    {
        var cli = Cli();

        var attempt = await cli.RunAsync(bed.Pages.Url(TestPages.HangingPath), FormFactor.Mobile, Path.Combine(workDirectory, "run.json"), TimeSpan.FromSeconds(12), CancellationToken.None);

        Assert.False(attempt.Succeeded);
        Assert.Equal("TIMEOUT", attempt.FailureCode);
        Assert.InRange(attempt.Elapsed, TimeSpan.FromSeconds(12), TimeSpan.FromSeconds(40));
        Assert.Empty(ProcessSweep.FindMarked(workDirectory));
        Assert.Empty(Directory.GetDirectories(workDirectory));
    }

    [Fact]
    public async Task Page_that_answers_500_fails_with_lighthouses_own_error_code()
    {
        var attempt = await Cli().RunAsync(bed.Pages.Url(TestPages.BrokenPath), FormFactor.Desktop, Path.Combine(workDirectory, "run.json"), TimeSpan.FromSeconds(90), CancellationToken.None);

        Assert.False(attempt.Succeeded);
        Assert.Equal("ERRORED_DOCUMENT_REQUEST", attempt.FailureCode);
        Assert.Contains("500", attempt.Failure, StringComparison.Ordinal);
        Assert.Equal("desktop", attempt.Report?.FormFactor);
        Assert.Empty(ProcessSweep.FindMarked(workDirectory));
    }

    public void Dispose() => Directory.Delete(workDirectory, recursive: true);

    private LighthouseCli Cli()
    {
        var settings = WorkerSettingsReader.Read(new Dictionary<string, string?>(Defaults())).Value!;
        var (installation, problem) = LighthouseInstallation.Locate(settings);
        Assert.True(installation is not null, problem);
        return new LighthouseCli(installation, ChromeFlags.NoSandbox(null), workDirectory, TimeProvider.System);
    }

    private static Dictionary<string, string?> Defaults() => new(Contract.Jobs.WorkerEnvironment.For(Testing.Audits.TestWorkerJobs.Create())
        .ToDictionary(pair => pair.Key, pair => (string?)pair.Value));
}

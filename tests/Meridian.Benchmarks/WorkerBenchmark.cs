using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Meridian.Contract.Jobs;
using Meridian.Testing.Audits;
using Meridian.Testing.Web;
using Meridian.Testing.Worker;
using Meridian.Worker.Lighthouse;
using Meridian.Worker;

namespace Meridian.Benchmarks;

/// <summary>
/// The worker against a local page with N runs, as a machine runs it (its own process), next to N bare
/// Lighthouse CLI runs of the same page one after another: the worker's overhead as a ratio, its own
/// peak memory (Chrome and Node excluded) and the size of the callback payload.
/// </summary>
internal static partial class WorkerBenchmark
{
    public static Command Command()
    {
        var runs = new Option<int>("--runs") { Description = "Lighthouse runs per side.", DefaultValueFactory = _ => 3 };
        var command = new Command("worker", "Worker wall time vs bare Lighthouse CLI runs, worker peak memory, payload size.") { runs };
        command.SetAction(async (parse, cancellation) => await RunAsync(parse.GetValue(runs), cancellation));
        return command;
    }

    private static async Task<int> RunAsync(int runs, CancellationToken cancellation)
    {
        var bed = new WorkerTestBed();
        await bed.InitializeAsync();
        try
        {
            var page = bed.Pages.Url(TestPages.PagePath);
            var settings = WorkerSettingsReader.Read(WorkerEnvironment.For(TestWorkerJobs.Create()).ToDictionary(p => p.Key, p => (string?)p.Value)).Value!;
            var (installation, problem) = LighthouseInstallation.Locate(settings);
            if (installation is null)
            {
                Console.Error.WriteLine(problem);
                return 1;
            }

            Console.WriteLine($"Page {page}, {runs} run(s) per side, one after another on this machine ({Environment.ProcessorCount} cores).");
            var bare = await BareRunsAsync(installation, page, runs, cancellation);
            Console.WriteLine($"  {runs} bare Lighthouse CLI runs     : {bare.TotalSeconds,6:F1} s");

            var callback = new RecordingCallback();
            await using var server = await LoopbackServer.StartAsync(callback.Map);
            var environment = await bed.EnvironmentAsync(WorkerTestBed.NewAuditId(), page, server.Url(RecordingCallback.Path), runs, deadlineIn: TimeSpan.FromMinutes(10));
            var (exitCode, output, wall) = await WorkerProcess.RunAsync(environment, cancellationToken: cancellation);
            Console.WriteLine($"  worker, {runs} runs, as a process  : {wall.TotalSeconds,6:F1} s (exit code {exitCode}; median, report upload, signed delivery included)");
            Console.WriteLine($"  overhead ratio (goal <= 1.10)    : {wall / bare,6:F3}");
            Console.WriteLine($"  worker peak memory (own process) : {PeakMegabytes(output)} MB (Chrome and Node not included)");
            Console.WriteLine($"  callback payload (goal <= 16 KB) : {(callback.Received.Count > 0 ? callback.Received[0].Body.Length.ToString(CultureInfo.InvariantCulture) + " bytes" : "none received")}");
            return exitCode;
        }
        finally
        {
            await bed.DisposeAsync();
        }
    }

    /// <summary>What a person runs by hand: the CLI, performance only, JSON out, the same Chrome flags.</summary>
    private static async Task<TimeSpan> BareRunsAsync(LighthouseInstallation installation, Uri page, int runs, CancellationToken cancellation)
    {
        var folder = Directory.CreateTempSubdirectory("meridian-bench-bare-").FullName;
        try
        {
            var clock = Stopwatch.StartNew();
            for (var run = 1; run <= runs; run++)
            {
                var start = new ProcessStartInfo(installation.NodePath) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
                foreach (var argument in new[]
                {
                    installation.CliPath, page.AbsoluteUri, "--only-categories=performance", "--output=json",
                    $"--output-path={Path.Combine(folder, $"run-{run}.json")}", "--quiet",
                    "--chrome-flags=" + string.Join(' ', ChromeFlags.For(Path.Combine(folder, $"profile-{run}"), ChromeFlags.NoSandbox(null))),
                })
                {
                    start.ArgumentList.Add(argument);
                }

                start.Environment["CHROME_PATH"] = installation.ChromePath;
                using var process = Process.Start(start)!;
                await Task.WhenAll(process.StandardOutput.ReadToEndAsync(cancellation), process.StandardError.ReadToEndAsync(cancellation), process.WaitForExitAsync(cancellation));
            }

            return clock.Elapsed;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static string PeakMegabytes(string output) =>
        PeakMemoryLine().Match(output) is { Success: true } match ? match.Groups[1].Value : "?";

    [GeneratedRegex(@"peak memory (\d+) MB")]
    private static partial Regex PeakMemoryLine();
}

using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Meridian.Contract.Jobs;

namespace Meridian.Worker.Lighthouse;

/// <summary>
/// Runs the Lighthouse CLI as a child process: the same program a person runs by hand, so the
/// numbers match theirs. Each run gets a fresh Chrome profile folder under <paramref name="workDirectory"/>;
/// its path appears in the command line of every Chrome process of the run, which is how a run that
/// times out is cleaned up completely (chrome-launcher starts Chrome in its own session, out of reach
/// of a process-group kill).
/// </summary>
public sealed class LighthouseCli(LighthouseInstallation installation, bool noSandbox, string workDirectory, TimeProvider time) : ILighthouseRunner
{
    private const int StderrLinesKept = 15;

    public async Task<LighthouseAttempt> RunAsync(Uri target, FormFactor formFactor, string reportPath, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        var started = time.GetTimestamp();
        var profile = Path.Combine(workDirectory, "chrome-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(profile);
        File.Delete(reportPath);

        using var process = new Process { StartInfo = StartInfo(target, formFactor, reportPath, profile) };
        var stderr = new StderrTail(StderrLinesKept);
        process.ErrorDataReceived += (_, line) => stderr.Add(line.Data);
        process.OutputDataReceived += (_, _) => { };

        try
        {
            process.Start();
            process.StandardInput.Close();
            process.BeginErrorReadLine();
            process.BeginOutputReadLine();

            using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            limit.CancelAfter(timeout);
            try
            {
                await process.WaitForExitAsync(limit.Token);
            }
            catch (OperationCanceledException)
            {
                await KillAsync(process, profile);
                var reason = cancellationToken.IsCancellationRequested
                    ? "The run was stopped because the worker is shutting down."
                    : $"Lighthouse did not finish within {timeout.TotalSeconds:0} s; it and its Chrome were killed.";
                return LighthouseAttempt.Failed(cancellationToken.IsCancellationRequested ? "STOPPED" : "TIMEOUT", reason, time.GetElapsedTime(started));
            }

            // Lighthouse closes its Chrome before exiting; a crash may not. Leave nothing behind either way.
            ProcessSweep.KillMarked(profile);
            return Read(reportPath, process.ExitCode, stderr, time.GetElapsedTime(started));
        }
        finally
        {
            DeleteQuietly(profile);
        }
    }

    private ProcessStartInfo StartInfo(Uri target, FormFactor formFactor, string reportPath, string profile)
    {
        var start = new ProcessStartInfo(installation.NodePath)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(installation.CliPath);
        start.ArgumentList.Add(target.AbsoluteUri);
        start.ArgumentList.Add("--only-categories=performance");
        start.ArgumentList.Add("--output=json");
        start.ArgumentList.Add("--output-path=" + reportPath);
        start.ArgumentList.Add("--quiet");
        start.ArgumentList.Add("--chrome-flags=" + string.Join(' ', ChromeFlags.For(profile, noSandbox)));
        if (formFactor == FormFactor.Desktop)
        {
            start.ArgumentList.Add("--preset=desktop");
        }

        start.Environment["CHROME_PATH"] = installation.ChromePath;

        // The job's secrets are in this process's environment; Lighthouse and Chrome need none of them.
        foreach (var name in start.Environment.Keys.Where(name => name.StartsWith("MERIDIAN_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(name);
        }

        return start;
    }

    private static LighthouseAttempt Read(string reportPath, int exitCode, StderrTail stderr, TimeSpan elapsed)
    {
        if (!File.Exists(reportPath))
        {
            return LighthouseAttempt.Failed(
                "EXITED",
                string.Create(CultureInfo.InvariantCulture, $"Lighthouse exited with code {exitCode} without a report: {stderr.Summary()}"),
                elapsed);
        }

        LighthouseReport report;
        try
        {
            using var file = File.OpenRead(reportPath);
            report = LighthouseReport.Parse(file);
        }
        catch (JsonException e)
        {
            return LighthouseAttempt.Failed("BAD_REPORT", $"Lighthouse wrote a report that is not valid JSON: {e.Message}", elapsed);
        }

        if (report.RuntimeError is { } error)
        {
            return LighthouseAttempt.Failed(error.Code, error.Message, elapsed, report);
        }

        if (report.PerformanceScore is null || !MedianRun.IsValid(report.Metrics))
        {
            return LighthouseAttempt.Failed("NO_SCORE", "Lighthouse produced no performance score (FCP or TTI missing).", elapsed, report);
        }

        return LighthouseAttempt.Success(report, elapsed);
    }

    private static async Task KillAsync(Process process, string profile)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Exited on its own meanwhile.
        }

        ProcessSweep.KillMarked(profile);
        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await process.WaitForExitAsync(wait.Token);
        }
        catch (OperationCanceledException)
        {
            // A process that ignores SIGKILL is in the kernel's hands; the sweep below tries once more.
        }

        ProcessSweep.KillMarked(profile);
    }

    private static void DeleteQuietly(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A temp folder of a finished run; the machine is destroyed after the audit anyway.
        }
    }
}

using System.Diagnostics;
using System.Text.Json;
using Meridian.Contract;
using Meridian.Contract.Jobs;
using Meridian.Contract.Results;
using Meridian.Contract.Targets;
using Meridian.Worker.Delivery;
using Meridian.Worker.Lighthouse;
using Microsoft.Extensions.Logging;

namespace Meridian.Worker;

/// <summary>
/// The worker from start to exit: read the job, check the target again from inside the region,
/// measure, upload the median report, deliver the signed result. Every path that has a job ends in
/// a delivered result, a failed one included, so the orchestration learns why rather than timing out.
/// </summary>
public static partial class WorkerApp
{
    /// <summary>Measuring stops this long before the deadline: time to upload the report and deliver.</summary>
    public static readonly TimeSpan MeasurementReserve = TimeSpan.FromSeconds(40);

    /// <summary>Bound on the report upload (a 60–120 KB blob): the result matters more than the report.</summary>
    public static readonly TimeSpan ReportUploadTimeout = TimeSpan.FromSeconds(20);

    public static async Task<int> RunAsync(
        IReadOnlyDictionary<string, string?> environment,
        ILoggerFactory loggers,
        CancellationToken stopping,
        IHostResolver? resolver = null,
        TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(loggers);
        time ??= TimeProvider.System;
        var logger = loggers.CreateLogger("Meridian.Worker");
        var read = WorkerSettingsReader.Read(environment);
        if (!read.IsValid)
        {
            foreach (var problem in read.Problems)
            {
                LogBadEnvironment(logger, problem.Message);
            }

            LogNothingPosted(logger, read.Problems.Count);
            return WorkerExitCodes.BadEnvironment;
        }

        var settings = read.Value;
        var started = Stopwatch.StartNew();
        var job = settings.ToString();
        LogStarting(logger, job);
        if (settings.MachineRegion is { } machineRegion && machineRegion != settings.Region)
        {
            LogRegionMismatch(logger, machineRegion, settings.Region);
        }

        var workDirectory = Directory.CreateTempSubdirectory("meridian-worker-").FullName;
        try
        {
            var resultId = Guid.CreateVersion7().ToString("N");
            RegionResult result;
            try
            {
                result = await MeasureAsync(settings, resultId, workDirectory, loggers, resolver ?? new DnsHostResolver(), time, stopping);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // Whatever went wrong, the app hears why instead of waiting for the deadline.
                var reason = stopping.IsCancellationRequested
                    ? "The machine was stopped before the audit finished."
                    : $"The worker failed: {e.GetType().Name}: {e.Message}";
                LogCrashed(logger, e.GetType().Name, reason);
                result = RegionResultBuilder.Failed(settings, resultId, reason, time.GetUtcNow());
            }

            var body = JsonSerializer.SerializeToUtf8Bytes(result, ContractJson.Options);

            using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
            var deliverer = new ResultDeliverer(
                new CallbackSender(http, time, loggers.CreateLogger<CallbackSender>()),
                new FallbackWriter(time, loggers.CreateLogger<FallbackWriter>()),
                time,
                loggers.CreateLogger<ResultDeliverer>());

            // Fly kills a machine StopGrace after SIGTERM: from then on the callback gets a few seconds
            // and the fallback the rest, rather than planning against a deadline the machine will not see.
            using var callbackCutoff = new CancellationTokenSource();
            using var onStop = stopping.Register(() => callbackCutoff.CancelAfter(ResultDeliverer.CallbackTimeAfterStop));
            var delivery = await deliverer.DeliverAsync(settings, body, callbackCutoff.Token);

            var peakMegabytes = (PeakMemory.OfThisProcess() ?? 0) / (1024.0 * 1024.0);
            var path = delivery?.ToString().ToLowerInvariant() ?? "nowhere";
            LogDone(logger, result.Succeeded ? "succeeded" : "failed", path, body.Length, started.Elapsed.TotalSeconds, peakMegabytes);
            return delivery is null ? WorkerExitCodes.NotDelivered : WorkerExitCodes.Delivered;
        }
        finally
        {
            try
            {
                Directory.Delete(workDirectory, recursive: true);
            }
            catch (IOException)
            {
                // A temp folder on a machine that is destroyed next.
            }
        }
    }

    private static async Task<RegionResult> MeasureAsync(
        WorkerSettings settings,
        string resultId,
        string workDirectory,
        ILoggerFactory loggers,
        IHostResolver resolver,
        TimeProvider time,
        CancellationToken stopping)
    {
        var logger = loggers.CreateLogger("Meridian.Worker");

        // DNS inside the region may answer differently from the app's check at request time.
        if (!settings.AllowPrivateTargets)
        {
            var guard = new TargetGuard(resolver, new TargetGuardOptions());
            var problems = await guard.CheckAsync(settings.TargetUrl, stopping);
            if (problems.Count > 0)
            {
                var reason = "The target was refused in this region after resolving it here: " + string.Join(" ", problems);
                LogRefused(logger, reason);
                return RegionResultBuilder.Failed(settings, resultId, reason, time.GetUtcNow());
            }
        }
        else
        {
            LogPrivateAllowed(logger);
        }

        var (installation, missing) = LighthouseInstallation.Locate(settings);
        if (installation is null)
        {
            LogMissing(logger, missing!);
            return RegionResultBuilder.Failed(settings, resultId, "The worker could not run Lighthouse: " + missing, time.GetUtcNow());
        }

        var runner = new LighthouseCli(installation, ChromeFlags.NoSandbox(settings.ChromeNoSandbox), workDirectory, time);
        var series = await new RunSeries(runner, time, loggers.CreateLogger<RunSeries>()).RunAsync(
            settings.TargetUrl,
            settings.FormFactor,
            settings.Runs,
            settings.RunTimeout,
            settings.Deadline - MeasurementReserve,
            workDirectory,
            stopping);

        if (!series.Enough)
        {
            var reason = RegionResultBuilder.NotEnoughRuns(settings.Runs, series);
            LogNotEnough(logger, reason);
            return RegionResultBuilder.Failed(settings, resultId, reason, time.GetUtcNow());
        }

        var median = series.Completed[MedianRun.Select([.. series.Completed.Select(run => run.Report.Metrics)])];
        LogMedian(logger, median.Number, series.Completed.Count, median.Report.PerformanceScore ?? 0);

        // Bounded, so a slow store cannot eat the time the delivery needs; cut short if the machine is stopping.
        using var uploadLimit = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        uploadLimit.CancelAfter(ReportUploadTimeout);
        var reportBlob = await new ReportUploader(loggers.CreateLogger<ReportUploader>()).UploadAsync(settings.ReportUploadUrl, median.ReportPath, uploadLimit.Token);
        return RegionResultBuilder.Succeeded(settings, resultId, series, median, reportBlob, time.GetUtcNow());
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Environment: {Problem}")]
    private static partial void LogBadEnvironment(ILogger logger, string problem);

    [LoggerMessage(Level = LogLevel.Error, Message = "Not started: {Count} problem(s) with the environment; nothing was measured or posted")]
    private static partial void LogNothingPosted(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Starting: {Job}")]
    private static partial void LogStarting(ILogger logger, string job);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Region: the machine runs in {MachineRegion} but the job is for {Region}; reporting as {Region}")]
    private static partial void LogRegionMismatch(ILogger logger, string machineRegion, string region);

    [LoggerMessage(Level = LogLevel.Error, Message = "Failed ({Type}): {Reason}")]
    private static partial void LogCrashed(ILogger logger, string type, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Target: {Reason}")]
    private static partial void LogRefused(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Target: private addresses are allowed for this run (local use only); the in-region check is skipped")]
    private static partial void LogPrivateAllowed(ILogger logger);

    [LoggerMessage(Level = LogLevel.Error, Message = "Setup: {Problem}")]
    private static partial void LogMissing(ILogger logger, string problem);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Result: {Reason}")]
    private static partial void LogNotEnough(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Median: run {Run} of {Completed} successful, score {Score:0.00}")]
    private static partial void LogMedian(ILogger logger, int run, int completed, double score);

    [LoggerMessage(Level = LogLevel.Information, Message = "Done: region {Outcome}, result delivered by {Delivery} ({Bytes} bytes) after {Seconds:0.0} s; worker peak memory {PeakMegabytes:0} MB (Chrome not included)")]
    private static partial void LogDone(ILogger logger, string outcome, string delivery, int bytes, double seconds, double peakMegabytes);
}

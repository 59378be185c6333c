using System.IO.Compression;
using System.Net;
using System.Text.Json;
using Meridian.Contract;
using Meridian.Contract.Delivery;
using Meridian.Contract.Jobs;
using Meridian.Contract.Results;
using Meridian.Contract.Targets;
using Meridian.Core.Regions;
using Meridian.Testing.Web;
using Meridian.Testing.Worker;
using Meridian.Worker.Lighthouse;

namespace Meridian.Worker.Tests.Integration;

/// <summary>The whole worker, in-process, against real Chromium, Lighthouse, Azurite and a callback server.</summary>
[Collection(RealLighthouse.Name)]
public sealed class WorkerRunTests(WorkerTestBed bed)
{
    [Fact]
    public async Task Run_delivers_a_signed_summary_of_real_lighthouse_numbers_and_the_gzipped_report()
    {
        var auditId = WorkerTestBed.NewAuditId();
        var callback = new RecordingCallback();
        await using var server = await LoopbackServer.StartAsync(callback.Map);
        var target = bed.Pages.Url(TestPages.PagePath);
        var environment = await bed.EnvironmentAsync(auditId, target, server.Url(RecordingCallback.Path), runs: 2);
        using var logs = new LogCapture();

        var exitCode = await WorkerApp.RunAsync(environment, logs.Factory, CancellationToken.None);

        Assert.Equal(WorkerExitCodes.Delivered, exitCode);
        var request = Assert.Single(callback.Received);
        Assert.Equal(SignatureVerdict.Valid, Verify(request, auditId));
        Assert.True(request.Body.Length <= 16 * 1024, $"The callback payload is {request.Body.Length} bytes.");

        var result = Parse(request.Body);
        Assert.True(result.Succeeded, result.FailureReason);
        Assert.Equal((auditId, "iad"), (result.AuditId, result.Region));
        var summary = Assert.IsType<RegionResultSummary>(result.Summary);
        Assert.Equal("12.8.2", summary.LighthouseVersion);
        Assert.Equal(2, summary.RunsCompleted);
        Assert.InRange(summary.PerformanceScore!.Value, 0.5, 1.0);
        Assert.InRange(summary.FirstContentfulPaintMs!.Value, 1, 30_000);
        Assert.InRange(summary.LargestContentfulPaintMs!.Value, summary.FirstContentfulPaintMs.Value, 30_000);
        Assert.InRange(summary.TimeToInteractiveMs!.Value, summary.FirstContentfulPaintMs.Value, 60_000);
        Assert.InRange(summary.TotalBlockingTimeMs!.Value, 0, 10_000);
        Assert.InRange(summary.CumulativeLayoutShift!.Value, 0, 1);
        Assert.InRange(summary.SpeedIndexMs!.Value, 1, 30_000);
        Assert.InRange(summary.TimeToFirstByteMs!.Value, 0, 5_000);
        Assert.True(summary.BenchmarkIndex > 0);
        Assert.True(summary.ScoreMin <= summary.PerformanceScore && summary.PerformanceScore <= summary.ScoreMax);
        Assert.Equal($"{auditId}/iad.json.gz", summary.ReportBlobName);

        // The report is the median run's, gzipped, and agrees with the summary.
        var report = bed.ReportBlob(auditId);
        var properties = (await report.GetPropertiesAsync()).Value;
        Assert.Equal("gzip", properties.ContentEncoding);
        Assert.Equal("application/json", properties.ContentType);
        await using var gzip = new GZipStream((await report.DownloadStreamingAsync()).Value.Content, CompressionMode.Decompress);
        var lhr = LighthouseReport.Parse(gzip);
        Assert.Equal(target.AbsoluteUri, lhr.FinalDisplayedUrl);
        Assert.Equal(summary.PerformanceScore, lhr.PerformanceScore);
        Assert.Equal(summary.LargestContentfulPaintMs, lhr.Metrics.LargestContentfulPaintMs);

        // Nothing secret in what a person reads in `fly logs`, and no fallback was needed.
        Assert.DoesNotContain(environment[Contract.Jobs.WorkerEnvironment.CallbackKey]!, logs.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("sig=", logs.Text, StringComparison.Ordinal);
        Assert.Contains("Lighthouse run 2/2: done", logs.Text, StringComparison.Ordinal);
        Assert.False(await bed.FallbackBlob(auditId).ExistsAsync());
    }

    [Fact]
    public async Task Unreachable_target_delivers_a_failed_result_with_the_reason_and_stops_early()
    {
        var auditId = WorkerTestBed.NewAuditId();
        var callback = new RecordingCallback();
        await using var server = await LoopbackServer.StartAsync(callback.Map);
        var environment = await bed.EnvironmentAsync(auditId, WorkerTestBed.ClosedPortUrl("gone"), server.Url(RecordingCallback.Path), runs: 3);
        using var logs = new LogCapture();

        var exitCode = await WorkerApp.RunAsync(environment, logs.Factory, CancellationToken.None);

        Assert.Equal(WorkerExitCodes.Delivered, exitCode);
        var request = Assert.Single(callback.Received);
        Assert.Equal(SignatureVerdict.Valid, Verify(request, auditId));
        var result = Parse(request.Body);
        Assert.False(result.Succeeded);
        Assert.Null(result.Summary);
        Assert.Contains("0 of 3 Lighthouse run(s) succeeded; 2 needed", result.FailureReason, StringComparison.Ordinal);
        Assert.Contains("failed the same way twice", result.FailureReason, StringComparison.Ordinal);

        // Run 1 and its retry, then the series stops: the page fails reliably.
        Assert.Equal(2, logs.Lines.Count(line => line.Contains(": started", StringComparison.Ordinal) && line.Contains("Lighthouse run", StringComparison.Ordinal)));
        Assert.False(await bed.ReportBlob(auditId).ExistsAsync());
    }

    [Fact]
    public async Task Refused_callback_leaves_the_signed_summary_in_the_fallback_blob()
    {
        var auditId = WorkerTestBed.NewAuditId();
        var callback = new RecordingCallback((int)HttpStatusCode.Unauthorized);
        await using var server = await LoopbackServer.StartAsync(callback.Map);
        var environment = await bed.EnvironmentAsync(auditId, bed.Pages.Url(TestPages.PagePath), server.Url(RecordingCallback.Path));
        using var logs = new LogCapture();

        var exitCode = await WorkerApp.RunAsync(environment, logs.Factory, CancellationToken.None);

        Assert.Equal(WorkerExitCodes.Delivered, exitCode);
        Assert.Single(callback.Received);
        var fallback = bed.FallbackBlob(auditId);
        var content = (await fallback.DownloadContentAsync()).Value;
        var body = content.Content.ToArray();
        Assert.Equal(callback.Received[0].Body, body);
        var metadata = content.Details.Metadata;
        Assert.Equal(
            SignatureVerdict.Valid,
            CallbackSignature.Verify(bed.KeyFor(auditId, "iad"), metadata[FallbackBlobFormat.TimestampMetadata], metadata[FallbackBlobFormat.SignatureMetadata], body, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(30)));
        var result = Parse(body);
        Assert.True(result.Succeeded, result.FailureReason);
        Assert.Equal($"{auditId}/iad.json.gz", result.Summary!.ReportBlobName);
    }

    [Theory]
    [InlineData("https://shop.example/", "10.1.2.3", "10.1.2.3")]

    // IPv4-translated (SIIT): a Lighthouse run was once seen loading this one.
    [InlineData("https://shop.example/", "::ffff:0:10.0.0.1", "::ffff:0:10.0.0.1, which is not allowed: IPv4-translated IPv6 (SIIT)")]
    [InlineData("https://shop.example/", "::ffff:0:a9fe:a9fe", "::ffff:0:169.254.169.254, which is not allowed: IPv4-translated IPv6 (SIIT)")]
    [InlineData("http://[::ffff:0:10.0.0.1]/", "93.184.215.14", "The address ::ffff:0:10.0.0.1 is not allowed: IPv4-translated IPv6 (SIIT)")]
    public async Task Target_that_resolves_to_a_private_address_in_the_region_is_refused_without_running_lighthouse(string url, string resolvesTo, string named)
    {
        var auditId = WorkerTestBed.NewAuditId();
        var callback = new RecordingCallback();
        await using var server = await LoopbackServer.StartAsync(callback.Map);
        var environment = await bed.EnvironmentAsync(auditId, new Uri(url), server.Url(RecordingCallback.Path), allowPrivateTargets: false);
        using var logs = new LogCapture();

        // The region's DNS answers with an internal address (rebinding, or split-horizon DNS).
        var exitCode = await WorkerApp.RunAsync(environment, logs.Factory, CancellationToken.None, new FixedResolver(IPAddress.Parse(resolvesTo)));

        Assert.Equal(WorkerExitCodes.Delivered, exitCode);
        var result = Parse(Assert.Single(callback.Received).Body);
        Assert.False(result.Succeeded);
        Assert.Contains("refused in this region", result.FailureReason, StringComparison.Ordinal);
        Assert.True(result.FailureReason!.Contains(named, StringComparison.Ordinal), result.FailureReason);
        Assert.DoesNotContain("Lighthouse run", logs.Text, StringComparison.Ordinal);
    }

    private SignatureVerdict Verify(ReceivedRequest request, string auditId) => CallbackSignature.Verify(
        bed.KeyFor(auditId, "iad"),
        request.Header(CallbackSignature.TimestampHeader),
        request.Header(CallbackSignature.SignatureHeader),
        request.Body,
        DateTimeOffset.UtcNow,
        CallbackSignature.DefaultTolerance);

    private static RegionResult Parse(byte[] body) => JsonSerializer.Deserialize<RegionResult>(body, ContractJson.Options)!;

    private sealed class FixedResolver(IPAddress address) : IHostResolver
    {
        public Task<IReadOnlyList<IPAddress>> ResolveAsync(string host, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<IPAddress>>([address]);
    }
}

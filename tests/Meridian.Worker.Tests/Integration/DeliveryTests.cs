using System.Net;
using System.Text;
using Meridian.Contract.Delivery;
using Meridian.Testing.Web;
using Meridian.Testing.Worker;
using Meridian.Worker.Delivery;
using Microsoft.Extensions.Logging;

namespace Meridian.Worker.Tests.Integration;

/// <summary>Delivery on its own, against a real callback server and real Azurite.</summary>
[Collection(RealLighthouse.Name)]
public sealed class DeliveryTests(WorkerTestBed bed)
{
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("""{"resultId":"r1","auditId":"a","region":"iad","succeeded":false,"failureReason":"test"}""");

    [Fact]
    public async Task Callback_that_fails_three_times_then_succeeds_gets_the_result_once_with_retries()
    {
        var auditId = WorkerTestBed.NewAuditId();
        var callback = new RecordingCallback(500, 503, 500);
        await using var server = await LoopbackServer.StartAsync(callback.Map);
        var settings = await SettingsAsync(auditId, server.Url(RecordingCallback.Path), TimeSpan.FromMinutes(2));
        using var logs = new LogCapture();

        var delivery = await Deliverer(logs.Factory).DeliverAsync(settings, Body, CancellationToken.None);

        Assert.Equal(ResultDelivery.Callback, delivery);
        Assert.Equal(4, callback.Received.Count);
        Assert.All(callback.Received, request =>
        {
            Assert.Equal(Body, request.Body);
            Assert.Equal(
                SignatureVerdict.Valid,
                CallbackSignature.Verify(settings.CallbackKey, request.Header(CallbackSignature.TimestampHeader), request.Header(CallbackSignature.SignatureHeader), request.Body, DateTimeOffset.UtcNow, CallbackSignature.DefaultTolerance));
        });
        Assert.Equal(3, logs.Lines.Count(line => line.Contains("retrying in", StringComparison.Ordinal)));
        Assert.False(await bed.FallbackBlob(auditId).ExistsAsync());
    }

    [Fact]
    public async Task Callback_that_is_down_leaves_the_signed_result_in_the_fallback_blob_before_the_deadline()
    {
        var auditId = WorkerTestBed.NewAuditId();
        var deadlineIn = ResultDeliverer.FallbackReserve + TimeSpan.FromSeconds(4);
        var settings = await SettingsAsync(auditId, WorkerTestBed.ClosedPortUrl(RecordingCallback.Path), deadlineIn);
        using var logs = new LogCapture();

        var delivery = await Deliverer(logs.Factory).DeliverAsync(settings, Body, CancellationToken.None);

        Assert.Equal(ResultDelivery.Fallback, delivery);
        Assert.True(DateTimeOffset.UtcNow < settings.Deadline, "The fallback must be written before the deadline, when it is read.");
        Assert.True(logs.Lines.Count(line => line.Contains("retrying in", StringComparison.Ordinal)) >= 2, logs.Text);
        var content = (await bed.FallbackBlob(auditId).DownloadContentAsync()).Value;
        Assert.Equal(Body, content.Content.ToArray());
        Assert.Equal("application/json", content.Details.ContentType);
        Assert.Equal(
            SignatureVerdict.Valid,
            CallbackSignature.Verify(settings.CallbackKey, content.Details.Metadata[FallbackBlobFormat.TimestampMetadata], content.Details.Metadata[FallbackBlobFormat.SignatureMetadata], content.Content.ToArray(), DateTimeOffset.UtcNow, CallbackSignature.DefaultTolerance));
    }

    [Fact]
    public async Task Result_that_neither_path_takes_is_written_to_the_log()
    {
        var auditId = WorkerTestBed.NewAuditId();
        // Another audit's SAS pointed at this audit's blob: storage refuses the write (403).
        var foreign = await bed.Issuer.IssueAsync("other-audit", "iad", DateTimeOffset.UtcNow.AddMinutes(5), CancellationToken.None);
        var settings = (await SettingsAsync(auditId, WorkerTestBed.ClosedPortUrl(RecordingCallback.Path), ResultDeliverer.FallbackReserve)) with
        {
            FallbackUploadUrl = new Uri(foreign.Fallback.AbsoluteUri.Replace("other-audit", auditId, StringComparison.Ordinal)),
        };
        using var logs = new LogCapture();

        var delivery = await Deliverer(logs.Factory).DeliverAsync(settings, Body, CancellationToken.None);

        Assert.Null(delivery);
        Assert.Contains("The result was: " + Encoding.UTF8.GetString(Body), logs.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("sig=", logs.Text, StringComparison.Ordinal);
    }

    private async Task<WorkerSettings> SettingsAsync(string auditId, Uri callbackUrl, TimeSpan deadlineIn)
    {
        var environment = await bed.EnvironmentAsync(auditId, new Uri("https://shop.example/"), callbackUrl, deadlineIn: deadlineIn);
        var read = WorkerSettingsReader.Read(environment);
        Assert.True(read.IsValid);
        return read.Value;
    }

    private static ResultDeliverer Deliverer(ILoggerFactory loggers) => new(
        new CallbackSender(new HttpClient(), TimeProvider.System, loggers.CreateLogger<CallbackSender>()),
        new FallbackWriter(TimeProvider.System, loggers.CreateLogger<FallbackWriter>()),
        TimeProvider.System,
        loggers.CreateLogger<ResultDeliverer>());
}

using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Meridian.Contract.Delivery;
using Meridian.Contract.Targets;
using Meridian.Core.Monitors;
using Meridian.Core.Monitors.Alerts;
using Meridian.Core.Tests.Contract.Targets;
using Meridian.Testing.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using static Meridian.Core.Tests.Monitors.Alerts.AlertTestData;

namespace Meridian.Core.Tests.Monitors.Alerts;

/// <summary>The real sender and pipeline against real HTTP servers on 127.0.0.1.</summary>
public class AlertWebhookSenderTests
{
    private const int AttemptsAtMost = 4; // the default Alerts:MaxRetryAttempts (3) and the first attempt

    private static readonly AlertNotice Regression = new(AlertKind.Regression, AuditId(2), Now, ["syd: LCP 4,210 ms is above 2,500 ms"], 0.9);

    private static async Task<AlertDelivery> SendAsync(Uri webhook, Dictionary<string, string?>? settings = null)
    {
        await using var services = AlertWebhookServices.Build(settings: settings);
        return await services.Sender().SendAsync(Monitor(webhook: webhook), Regression, CancellationToken.None);
    }

    [Fact]
    public async Task A_delivered_alert_is_signed_json_with_a_slack_text()
    {
        var webhook = new RecordingCallback();
        await using var server = await LoopbackServer.StartAsync(webhook.Map);

        var delivery = await SendAsync(server.Url(RecordingCallback.Path));

        Assert.Equal(new AlertDelivery(AlertKind.Regression, AuditId(2), delivery.At, Delivered: true, Attempts: 1, StatusCode: 200, Error: null), delivery);
        var request = Assert.Single(webhook.Received);
        Assert.StartsWith("application/json", request.Header("Content-Type"), StringComparison.Ordinal);
        Assert.Equal(
            SignatureVerdict.Valid,
            CallbackSignature.Verify(
                WebhookSigningKey.Derive(AlertWebhookServices.MasterKey, MonitorId),
                request.Header(CallbackSignature.TimestampHeader),
                request.Header(CallbackSignature.SignatureHeader),
                request.Body,
                DateTimeOffset.UtcNow,
                CallbackSignature.DefaultTolerance));
        var body = JsonDocument.Parse(request.Body).RootElement;
        Assert.Equal(
            "Meridian: Shop home (https://shop.example/) got slower: 2 audits in a row broke its thresholds (median performance score 0.90).\nsyd: LCP 4,210 ms is above 2,500 ms",
            body.GetProperty("text").GetString());
        Assert.Equal("regression", body.GetProperty("kind").GetString());
        Assert.Equal(MonitorId, body.GetProperty("monitorId").GetString());
        Assert.Equal("Shop home", body.GetProperty("monitorName").GetString());
        Assert.Equal("https://shop.example/", body.GetProperty("url").GetString());
        Assert.Equal(AuditId(2), body.GetProperty("auditId").GetString());
        Assert.Equal(["syd: LCP 4,210 ms is above 2,500 ms"], body.GetProperty("breaches").EnumerateArray().Select(b => b.GetString()));
        Assert.Equal(Now, body.GetProperty("at").GetDateTimeOffset());
    }

    [Fact]
    public async Task A_webhook_answering_503_twice_then_200_is_delivered_on_the_third_attempt()
    {
        var webhook = new RecordingCallback(503, 503);
        await using var server = await LoopbackServer.StartAsync(webhook.Map);

        var delivery = await SendAsync(server.Url(RecordingCallback.Path));

        Assert.True(delivery.Delivered);
        Assert.Equal(3, delivery.Attempts);
        Assert.Equal(200, delivery.StatusCode);
        Assert.Equal(3, webhook.Received.Count);
    }

    [Theory]
    [InlineData(408)]
    [InlineData(429)]
    [InlineData(502)]
    public async Task Answers_that_may_pass_on_a_second_try_are_retried(int status)
    {
        var webhook = new RecordingCallback(status);
        await using var server = await LoopbackServer.StartAsync(webhook.Map);

        var delivery = await SendAsync(server.Url(RecordingCallback.Path));

        Assert.True(delivery.Delivered);
        Assert.Equal(2, delivery.Attempts);
    }

    [Fact]
    public async Task A_webhook_that_keeps_failing_is_retried_then_recorded_as_not_delivered()
    {
        var webhook = new RecordingCallback([.. Enumerable.Repeat(500, 10)]);
        await using var server = await LoopbackServer.StartAsync(webhook.Map);

        var delivery = await SendAsync(server.Url(RecordingCallback.Path));

        Assert.False(delivery.Delivered);
        Assert.Equal(AttemptsAtMost, delivery.Attempts);
        Assert.Equal(AttemptsAtMost, webhook.Received.Count);
        Assert.Equal(500, delivery.StatusCode);
        Assert.Equal("The webhook answered 500 Internal Server Error.", delivery.Error);
    }

    [Theory]
    [InlineData(400)]
    [InlineData(404)]
    [InlineData(410)]
    public async Task Answers_that_will_not_change_are_not_retried_and_say_what_the_webhook_said(int status)
    {
        var calls = 0;
        await using var server = await LoopbackServer.StartAsync(app => app.MapPost("/hook", () =>
        {
            Interlocked.Increment(ref calls);
            return Results.Text("no_service\n", statusCode: status);
        }));

        var delivery = await SendAsync(server.Url("hook"));

        Assert.False(delivery.Delivered);
        Assert.Equal(1, delivery.Attempts);
        Assert.Equal(1, calls);
        Assert.Equal(status, delivery.StatusCode);
        Assert.EndsWith(": no_service", delivery.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_webhook_nobody_listens_on_is_retried_then_recorded()
    {
        var delivery = await SendAsync(new Uri($"http://127.0.0.1:{ClosedPort()}/hook"));

        Assert.False(delivery.Delivered);
        Assert.Equal(AttemptsAtMost, delivery.Attempts);
        Assert.Null(delivery.StatusCode);
        Assert.StartsWith("The webhook could not be reached: ", delivery.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Retry_after_from_the_webhook_sets_the_pause_before_the_next_attempt()
    {
        var calls = 0;
        await using var server = await LoopbackServer.StartAsync(app => app.MapPost("/hook", (HttpResponse response) =>
        {
            if (Interlocked.Increment(ref calls) > 1)
            {
                return Results.Ok();
            }

            response.Headers.RetryAfter = "1";
            return Results.StatusCode(429);
        }));
        var clock = Stopwatch.StartNew();

        var delivery = await SendAsync(server.Url("hook"));

        // The base delay is 1 ms here: a pause of a second can only come from Retry-After.
        Assert.True(delivery.Delivered);
        Assert.Equal(2, delivery.Attempts);
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(950), $"retried after {clock.Elapsed.TotalMilliseconds:F0} ms");
    }

    [Fact]
    public async Task An_attempt_that_hangs_is_cut_off_and_retried()
    {
        var calls = 0;
        await using var server = await LoopbackServer.StartAsync(app => app.MapPost("/hook", async (HttpContext context) =>
        {
            if (Interlocked.Increment(ref calls) == 1)
            {
                await Task.Delay(TimeSpan.FromSeconds(30), context.RequestAborted);
            }

            return Results.Ok();
        }));

        var delivery = await SendAsync(server.Url("hook"), new() { ["Alerts:AttemptTimeoutMs"] = "1000" });

        Assert.True(delivery.Delivered);
        Assert.Equal(2, delivery.Attempts);
    }

    [Fact]
    public async Task A_webhook_that_never_answers_is_given_up_at_the_total_timeout()
    {
        await using var server = await LoopbackServer.StartAsync(app => app.MapPost("/hook", async (HttpContext context) =>
        {
            await Task.Delay(TimeSpan.FromSeconds(30), context.RequestAborted);
            return Results.Ok();
        }));
        var clock = Stopwatch.StartNew();

        var delivery = await SendAsync(server.Url("hook"), new() { ["Alerts:AttemptTimeoutMs"] = "500", ["Alerts:TotalTimeoutMs"] = "1200" });

        Assert.False(delivery.Delivered);
        Assert.InRange(delivery.Attempts, 1, AttemptsAtMost);
        Assert.Equal("The webhook did not answer within 1.2 s.", delivery.Error);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"gave up after {clock.Elapsed.TotalMilliseconds:F0} ms");
    }

    [Fact]
    public async Task A_redirect_is_not_followed()
    {
        var redirected = 0;
        await using var server = await LoopbackServer.StartAsync(app =>
        {
            app.MapPost("/hook", () => Results.Redirect("/elsewhere"));
            app.MapPost("/elsewhere", () => Interlocked.Increment(ref redirected));
        });

        var delivery = await SendAsync(server.Url("hook"));

        Assert.False(delivery.Delivered);
        Assert.Equal((1, 302), (delivery.Attempts, delivery.StatusCode));
        Assert.Equal("The webhook answered 302 Found (redirects are not followed).", delivery.Error);
        Assert.Equal(0, redirected);
    }

    [Fact]
    public async Task A_private_webhook_is_not_called_unless_private_targets_are_allowed()
    {
        var webhook = new RecordingCallback();
        await using var server = await LoopbackServer.StartAsync(webhook.Map);
        await using var services = AlertWebhookServices.Build(allowPrivateTargets: false);

        var delivery = await services.Sender().SendAsync(Monitor(webhook: server.Url(RecordingCallback.Path)), Regression, CancellationToken.None);

        Assert.False(delivery.Delivered);
        Assert.Equal(0, delivery.Attempts);
        Assert.StartsWith("The webhook was not called: The address 127.0.0.1 is not allowed", delivery.Error, StringComparison.Ordinal);
        Assert.Empty(webhook.Received);
    }

    [Fact]
    public async Task A_webhook_host_that_now_resolves_to_a_private_address_is_not_called()
    {
        var dns = new FakeHostResolver().Add("hooks.example", "10.1.2.3");
        await using var services = AlertWebhookServices.Build(allowPrivateTargets: false, resolver: dns);

        var delivery = await services.Sender().SendAsync(Monitor(webhook: new Uri("https://hooks.example/meridian")), Regression, CancellationToken.None);

        Assert.False(delivery.Delivered);
        Assert.Equal(0, delivery.Attempts);
        Assert.Contains("resolves to 10.1.2.3", delivery.Error, StringComparison.Ordinal);
        Assert.Equal(["hooks.example"], dns.Lookups);
    }

    [Fact]
    public async Task A_host_that_rebinds_to_loopback_after_the_check_is_never_connected_to()
    {
        // The check sees a public address; every later answer (the connection's) is 127.0.0.1, where a real server listens.
        var webhook = new RecordingCallback();
        await using var server = await LoopbackServer.StartAsync(webhook.Map);
        await using var services = AlertWebhookServices.Build(allowPrivateTargets: false, resolver: new RebindingResolver());

        var delivery = await services.Sender().SendAsync(
            Monitor(webhook: new Uri($"http://rebind.example:{server.Url(RecordingCallback.Path).Port}/{RecordingCallback.Path}")), Regression, CancellationToken.None);

        Assert.False(delivery.Delivered);
        Assert.Contains("not a public address", delivery.Error, StringComparison.Ordinal);
        Assert.Empty(webhook.Received);
    }

    private sealed class RebindingResolver : IHostResolver
    {
        private int lookups;

        public Task<IReadOnlyList<IPAddress>> ResolveAsync(string host, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<IPAddress>>(
                [Interlocked.Increment(ref lookups) == 1 ? IPAddress.Parse("93.184.215.14") : IPAddress.Loopback]);
    }

    [Fact]
    public async Task A_monitor_without_a_webhook_records_why_nothing_was_sent()
    {
        var monitor = Monitor();
        await using var services = AlertWebhookServices.Build();

        var delivery = await services.Sender().SendAsync(
            monitor with { Definition = monitor.Definition with { WebhookUrl = null } }, Regression, CancellationToken.None);

        Assert.Equal((false, 0, "The monitor has no webhook."), (delivery.Delivered, delivery.Attempts, delivery.Error));
    }

    [Fact]
    public async Task A_webhook_echoing_the_request_never_puts_the_signature_in_the_record()
    {
        await using var server = await LoopbackServer.StartAsync(app => app.MapPost("/hook", (HttpRequest request) =>
            Results.Text($"bad signature {request.Headers[CallbackSignature.SignatureHeader]}", statusCode: 401)));

        var delivery = await SendAsync(server.Url("hook"));

        Assert.Equal("The webhook answered 401 Unauthorized.", delivery.Error);
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}

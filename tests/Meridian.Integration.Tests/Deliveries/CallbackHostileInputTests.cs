using System.Net;
using System.Text;
using System.Text.Json;
using Meridian.Contract;
using Meridian.Contract.Delivery;
using Meridian.Contract.Results;
using Meridian.Core.Audits.Orchestration;
using Meridian.Core.Storage;
using Meridian.Integration.Tests.Http;
using Meridian.Integration.Tests.Monitors.Api;
using Meridian.Testing.Audits;
using Moq;

namespace Meridian.Integration.Tests.Deliveries;

/// <summary>
/// The worker callback under attack: forged, replayed, misdirected, oversized and malformed
/// deliveries get the right 4xx, never a 5xx, and store nothing; a real one is stored before the
/// event is raised, and a repeat changes nothing.
/// </summary>
public sealed class CallbackHostileInputTests(ApiTestHost host) : IClassFixture<ApiTestHost>, IAsyncLifetime
{
    private static readonly string AuditId = SampleAudits.IdAt(DateTimeOffset.UtcNow.AddMinutes(-1));
    private static readonly string OtherAuditId = SampleAudits.IdAt(DateTimeOffset.UtcNow.AddMinutes(-2));
    private static readonly string ReusedIdAuditId = SampleAudits.IdAt(DateTimeOffset.UtcNow.AddMinutes(-3));

    public enum Forgery
    {
        None,
        NoHeaders,
        MalformedSignature,
        RandomSignature,
        StaleTimestamp,
        FutureTimestamp,
        OtherRegionsKey,
        OtherAuditsKey,
        TamperedAfterSigning,
    }

    public async Task InitializeAsync()
    {
        foreach (var id in new[] { AuditId, OtherAuditId, ReusedIdAuditId })
        {
            await host.Audits.CreateAsync(SampleAudits.Document(id, regions: ["iad", "lhr"]), CancellationToken.None);
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public static TheoryData<string, Forgery, string, string, string?, int> Deliveries() => new()
    {
        { "no signature headers", Forgery.NoHeaders, "iad", "iad", null, 401 },
        { "malformed signature", Forgery.MalformedSignature, "iad", "iad", null, 401 },
        { "forged signature", Forgery.RandomSignature, "iad", "iad", null, 401 },
        { "replayed 10 minutes later", Forgery.StaleTimestamp, "iad", "iad", null, 401 },
        { "timestamp in the future", Forgery.FutureTimestamp, "iad", "iad", null, 401 },
        { "signed with another region's key", Forgery.OtherRegionsKey, "iad", "iad", null, 401 },
        { "another audit's region", Forgery.OtherAuditsKey, "iad", "iad", null, 401 },
        { "body changed after signing", Forgery.TamperedAfterSigning, "iad", "iad", null, 401 },
        { "region not in the audit", Forgery.None, "syd", "syd", null, 404 },
        { "region that does not exist", Forgery.None, "zzz", "zzz", null, 404 },
        { "not JSON", Forgery.None, "iad", "iad", "{", 400 },
        { "JSON array", Forgery.None, "iad", "iad", "[]", 400 },
        { "body for another region", Forgery.None, "iad", "lhr", null, 400 },
        { "success without a summary", Forgery.None, "iad", "iad", """{"resultId":"r-1","auditId":"{id}","region":"iad","succeeded":true,"finishedAt":"2026-11-23T12:00:00Z"}""", 400 },
        { "failure without a reason", Forgery.None, "iad", "iad", """{"resultId":"r-1","auditId":"{id}","region":"iad","succeeded":false,"finishedAt":"2026-11-23T12:00:00Z"}""", 400 },
        { "score above 1", Forgery.None, "iad", "iad", """{"resultId":"r-1","auditId":"{id}","region":"iad","succeeded":true,"finishedAt":"2026-11-23T12:00:00Z","summary":{"performanceScore":5,"lighthouseVersion":"12.8.2","runsCompleted":1}}""", 400 },
        { "negative LCP", Forgery.None, "iad", "iad", """{"resultId":"r-1","auditId":"{id}","region":"iad","succeeded":true,"finishedAt":"2026-11-23T12:00:00Z","summary":{"largestContentfulPaintMs":-1,"lighthouseVersion":"12.8.2","runsCompleted":1}}""", 400 },
        { "unknown field", Forgery.None, "iad", "iad", """{"resultId":"r-1","auditId":"{id}","region":"iad","succeeded":false,"failureReason":"x","finishedAt":"2026-11-23T12:00:00Z","admin":true}""", 400 },
        { "result id with a path", Forgery.None, "iad", "iad", """{"resultId":"../../x","auditId":"{id}","region":"iad","succeeded":false,"failureReason":"x","finishedAt":"2026-11-23T12:00:00Z"}""", 400 },
        { "huge body", Forgery.None, "iad", "iad", """{"resultId":"r-1","auditId":"{id}","region":"iad","succeeded":false,"failureReason":"PAD","finishedAt":"2026-11-23T12:00:00Z"}""".Replace("PAD", new string('x', 70_000), StringComparison.Ordinal), 413 },
    };

    [Theory]
    [MemberData(nameof(Deliveries))]
    public async Task Hostile_delivery_gets_the_right_4xx_and_stores_nothing(string name, Forgery forgery, string routeRegion, string bodyRegion, string? body, int status)
    {
        var stored = await host.CountAsync(BlobLayout.DeliveriesContainer);
        var events = host.Orchestrations.Invocations.Count;
        var bytes = Encoding.UTF8.GetBytes(body?.Replace("{id}", AuditId, StringComparison.Ordinal) ?? Result(bodyRegion, "r-hostile"));

        using var response = await SendAsync(AuditId, routeRegion, bytes, forgery);

        Assert.True(status == (int)response.StatusCode, $"{name}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        Assert.Equal(stored, await host.CountAsync(BlobLayout.DeliveriesContainer));
        Assert.Equal(events, host.Orchestrations.Invocations.Count);
    }

    [Fact]
    public async Task Callback_for_an_audit_that_does_not_exist_is_404()
    {
        var unknown = SampleAudits.IdAt(DateTimeOffset.UtcNow.AddMinutes(-3));

        using var response = await SendAsync(unknown, "iad", Encoding.UTF8.GetBytes(Result("iad", "r-x", unknown)), Forgery.None);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task A_real_result_is_stored_then_raised_and_a_repeat_changes_nothing()
    {
        var body = Encoding.UTF8.GetBytes(Result("lhr", "r-real", OtherAuditId));
        var raised = new List<RegionResult>();
        host.Orchestrations
            .Setup(o => o.RaiseEventAsync(OtherAuditId, AuditOrchestration.RegionResultEventName("lhr"), It.IsAny<object?>(), It.IsAny<CancellationToken>()))
            .Callback<string, string, object?, CancellationToken>((_, _, payload, _) => raised.Add((RegionResult)payload!))
            .Returns(Task.CompletedTask);

        using var first = await SendAsync(OtherAuditId, "lhr", body, Forgery.None);
        var blob = host.Blobs.GetBlobContainerClient(BlobLayout.DeliveriesContainer).GetBlobClient(BlobLayout.CallbackBlob(OtherAuditId, "lhr"));
        var firstVersion = (await blob.GetPropertiesAsync()).Value.ETag;
        using var repeat = await SendAsync(OtherAuditId, "lhr", body, Forgery.None);

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, repeat.StatusCode);
        Assert.Contains("\"duplicate\":true", await repeat.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(body, (await blob.DownloadContentAsync()).Value.Content.ToArray());
        Assert.Equal(firstVersion, (await blob.GetPropertiesAsync()).Value.ETag);
        Assert.All(raised, result => Assert.Equal("r-real", result.ResultId));
        Assert.NotEmpty(raised);
    }

    [Fact]
    public async Task A_different_result_for_a_region_that_has_one_is_a_conflict_and_the_first_is_kept()
    {
        var first = Encoding.UTF8.GetBytes(Result("iad", "r-first", OtherAuditId));
        var second = Encoding.UTF8.GetBytes(Result("iad", "r-second", OtherAuditId));

        using var accepted = await SendAsync(OtherAuditId, "iad", first, Forgery.None);
        using var conflict = await SendAsync(OtherAuditId, "iad", second, Forgery.None);

        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
        var blob = host.Blobs.GetBlobContainerClient(BlobLayout.DeliveriesContainer).GetBlobClient(BlobLayout.CallbackBlob(OtherAuditId, "iad"));
        Assert.Equal(first, (await blob.DownloadContentAsync()).Value.Content.ToArray());
    }

    [Fact]
    public async Task The_same_result_id_with_another_body_is_a_conflict_and_never_raised()
    {
        var first = Encoding.UTF8.GetBytes(Result("iad", "r-same", ReusedIdAuditId));
        var other = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(
            new RegionResult("r-same", ReusedIdAuditId, "iad", true, null, SampleAudits.Summary(ReusedIdAuditId, "iad", 0.12, 9000), DateTimeOffset.UtcNow),
            ContractJson.Options));
        var raised = new List<RegionResult>();
        host.Orchestrations
            .Setup(o => o.RaiseEventAsync(ReusedIdAuditId, AuditOrchestration.RegionResultEventName("iad"), It.IsAny<object?>(), It.IsAny<CancellationToken>()))
            .Callback<string, string, object?, CancellationToken>((_, _, payload, _) => raised.Add((RegionResult)payload!))
            .Returns(Task.CompletedTask);

        using var accepted = await SendAsync(ReusedIdAuditId, "iad", first, Forgery.None);
        using var conflict = await SendAsync(ReusedIdAuditId, "iad", other, Forgery.None);

        Assert.Equal((HttpStatusCode.Accepted, HttpStatusCode.Conflict), (accepted.StatusCode, conflict.StatusCode));
        var blob = host.Blobs.GetBlobContainerClient(BlobLayout.DeliveriesContainer).GetBlobClient(BlobLayout.CallbackBlob(ReusedIdAuditId, "iad"));
        Assert.Equal(first, (await blob.DownloadContentAsync()).Value.Content.ToArray());
        var only = Assert.Single(raised);
        Assert.Equal(0.91, only.Summary!.PerformanceScore);
    }

    [Theory]
    [InlineData("%0A2026-12-04 INFO forged line")]
    [InlineData("%1b[31mred%1b[0m")]
    [InlineData("%E2%80%AEdi")]
    public async Task Ids_from_the_url_reach_the_log_escaped(string pathId)
    {
        using var response = await host.Http.PostAsync($"api/audits/{pathId}/regions/iad/result", new ByteArrayContent("{}"u8.ToArray()));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var line = host.Logs.GetSnapshot().Last(record => record.Message.StartsWith("Callback for audit", StringComparison.Ordinal)).Message;
        Assert.DoesNotContain(line, char.IsControl);
        Assert.DoesNotContain('\u202E', line);
        Assert.Contains("\\u", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_long_id_from_the_url_is_cut_in_the_log()
    {
        var id = new string('a', 5000);

        using var response = await host.Http.PostAsync($"api/audits/{id}/regions/iad/result", new ByteArrayContent("{}"u8.ToArray()));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var line = host.Logs.GetSnapshot().Last(record => record.Message.StartsWith("Callback for audit", StringComparison.Ordinal)).Message;
        Assert.InRange(line.Length, 100, 400);
        Assert.Contains("(5,000 characters)", line, StringComparison.Ordinal);
    }

    private static string Result(string region, string resultId, string? auditId = null) => JsonSerializer.Serialize(
        new RegionResult(resultId, auditId ?? AuditId, region, true, null, SampleAudits.Summary(auditId ?? AuditId, region, 0.91, 1800), DateTimeOffset.UtcNow),
        ContractJson.Options);

    private async Task<HttpResponseMessage> SendAsync(string auditId, string region, byte[] body, Forgery forgery)
    {
        var now = DateTimeOffset.UtcNow;
        var key = forgery switch
        {
            Forgery.OtherRegionsKey => CallbackSigningKey.Derive(host.MasterKey, auditId, "lhr"),
            Forgery.OtherAuditsKey => CallbackSigningKey.Derive(host.MasterKey, OtherAuditId, region),
            _ => CallbackSigningKey.Derive(host.MasterKey, auditId, region),
        };
        var signedAt = forgery switch
        {
            Forgery.StaleTimestamp => now.AddMinutes(-10),
            Forgery.FutureTimestamp => now.AddMinutes(10),
            _ => now,
        };
        var signed = CallbackSignature.Sign(key, signedAt, body);
        var sent = forgery == Forgery.TamperedAfterSigning ? [.. body.Take(body.Length - 1), (byte)' '] : body;

        using var request = new HttpRequestMessage(HttpMethod.Post, $"api/audits/{auditId}/regions/{region}/result") { Content = new ByteArrayContent(sent) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        switch (forgery)
        {
            case Forgery.NoHeaders:
                break;
            case Forgery.MalformedSignature:
                request.Headers.Add(CallbackSignature.TimestampHeader, signed.Timestamp);
                request.Headers.Add(CallbackSignature.SignatureHeader, "sha256=abc");
                break;
            case Forgery.RandomSignature:
                request.Headers.Add(CallbackSignature.TimestampHeader, signed.Timestamp);
                request.Headers.Add(CallbackSignature.SignatureHeader, "v1=" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)));
                break;
            default:
                request.Headers.Add(CallbackSignature.TimestampHeader, signed.Timestamp);
                request.Headers.Add(CallbackSignature.SignatureHeader, signed.Signature);
                break;
        }

        return await host.Http.SendAsync(request);
    }
}

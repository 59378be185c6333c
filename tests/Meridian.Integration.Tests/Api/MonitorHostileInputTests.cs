using System.Net;
using System.Text;
using System.Text.Json;
using Meridian.Core.Api;

namespace Meridian.Integration.Tests.Api;

/// <summary>
/// Hostile input on the monitor API: each gets the right 4xx with a problem body, never a 5xx, and
/// the monitors container is left exactly as it was (no document, no marker, not even a rewrite).
/// </summary>
public sealed class MonitorHostileInputTests(ApiTestHost host) : IClassFixture<ApiTestHost>, IAsyncLifetime
{
    private const string Url = "\"url\":\"https://shop.example/\"";
    private const string Every15 = "\"intervalMinutes\":15";
    private const string Hook = "\"webhookUrl\":\"https://hooks.example/m\"";
    private const string Score80 = "\"thresholds\":{\"overall\":{\"minPerformanceScore\":0.8}}";

    /// <summary>A JSON object of these members, as written.</summary>
    private static string Obj(params string[] members) => "{" + string.Join(",", members) + "}";

    private static string Cron(string cron) => $"\"cron\":\"{cron}\"";

    private static string Thresholds(string json) => "\"thresholds\":" + json;

    private static string Webhook(string url) => $"\"webhookUrl\":\"{url}\"";

    private string existingId = null!;
    private string existingETag = null!;

    public async Task InitializeAsync() => (existingId, existingETag) = await host.Http.CreatedAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    public static TheoryData<string, string, int> Requests() => new()
    {
        // Not a monitor request at all.
        { "not JSON", "{", 400 },
        { "empty body", "", 400 },
        { "JSON null", "null", 400 },
        { "an array", "[]", 400 },
        { "comments", Obj(Url, Every15 + " /* hi */"), 400 },
        { "trailing comma", Obj(Url, Every15, ""), 400 },
        { "deep nesting", "{\"url\":" + new string('[', 64) + new string(']', 64) + "}", 400 },
        { "huge body", Obj(Url, Every15, $"\"name\":\"{new string('x', MonitorApi.MaxRequestBytes)}\""), 413 },

        // Wrong types and unknown fields.
        { "url of the wrong type", Obj("\"url\":5", Every15), 400 },
        { "interval as a string", Obj(Url, "\"intervalMinutes\":\"15\""), 400 },
        { "interval as a fraction", Obj(Url, "\"intervalMinutes\":15.5"), 400 },
        { "interval beyond a 32-bit number", Obj(Url, "\"intervalMinutes\":2147483648"), 400 },
        { "cron as a number", Obj(Url, "\"cron\":5"), 400 },
        { "enabled as a string", Obj(Url, Every15, "\"enabled\":\"yes\""), 400 },
        { "thresholds as a number", Obj(Url, Every15, "\"thresholds\":5", Hook), 400 },
        { "a limit as a string", Obj(Url, Every15, Thresholds("""{"overall":{"minPerformanceScore":"0.8"}}"""), Hook), 400 },
        { "unknown field", Obj(Url, "\"interval\":15"), 400 },
        { "unknown limit", Obj(Url, Every15, Thresholds("""{"overall":{"maxFcpMs":3000}}"""), Hook), 400 },
        { "unknown threshold group", Obj(Url, Every15, Thresholds("""{"perRegion":{"maxCls":0.1}}"""), Hook), 400 },
        { "read-only field sent back", Obj(Url, Every15, "\"revision\":7"), 400 },

        // Schedules.
        { "neither interval nor cron", Obj(Url), 400 },
        { "both interval and cron", Obj(Url, Every15, Cron("*/15 * * * *")), 400 },
        { "interval 4", Obj(Url, "\"intervalMinutes\":4"), 400 },
        { "interval 0", Obj(Url, "\"intervalMinutes\":0"), 400 },
        { "interval -5", Obj(Url, "\"intervalMinutes\":-5"), 400 },
        { "interval 10081", Obj(Url, "\"intervalMinutes\":10081"), 400 },
        { "cron of three fields", Obj(Url, Cron("* * *")), 400 },
        { "cron minute 61", Obj(Url, Cron("61 * * * *")), 400 },
        { "cron every minute", Obj(Url, Cron("* * * * *")), 400 },
        { "cron every 2 minutes", Obj(Url, Cron("*/2 * * * *")), 400 },
        { "cron with seconds", Obj(Url, Cron("0 */15 * * * *")), 400 },
        { "cron that never runs", Obj(Url, Cron("0 0 31 2 *")), 400 },

        // Thresholds.
        { "score above 1", Obj(Url, Every15, Thresholds("""{"overall":{"minPerformanceScore":1.5}}"""), Hook), 400 },
        { "negative LCP", Obj(Url, Every15, Thresholds("""{"overall":{"maxLcpMs":-1}}"""), Hook), 400 },
        { "TBT over ten minutes", Obj(Url, Every15, Thresholds("""{"eachRegion":{"maxTbtMs":600001}}"""), Hook), 400 },
        { "CLS above 10", Obj(Url, Every15, Thresholds("""{"eachRegion":{"maxCls":11}}"""), Hook), 400 },
        { "thresholds without any limit", Obj(Url, Every15, Thresholds("""{"overall":{}}"""), Hook), 400 },
        { "thresholds without a webhook", Obj(Url, Every15, Score80), 400 },

        // Webhooks Meridian must not post to.
        { "webhook on loopback", Obj(Url, Every15, Score80, Webhook("http://127.0.0.1/")), 400 },
        { "webhook to cloud metadata", Obj(Url, Every15, Score80, Webhook("http://169.254.169.254/latest")), 400 },
        { "webhook to localhost", Obj(Url, Every15, Score80, Webhook("http://localhost/")), 400 },
        { "webhook on a private network", Obj(Url, Every15, Score80, Webhook("http://10.0.0.1/")), 400 },
        { "webhook to a file", Obj(Url, Every15, Score80, Webhook("file:///etc/passwd")), 400 },
        { "webhook named .internal", Obj(Url, Every15, Score80, Webhook("http://metadata.google.internal/")), 400 },
        { "webhook resolving to a private address", Obj(Url, Every15, Score80, Webhook("https://private.example/")), 400 },
        { "webhook with credentials", Obj(Url, Every15, Score80, Webhook("https://u:p@hooks.example/")), 400 },
        { "webhook too long", Obj(Url, Every15, Score80, Webhook("https://hooks.example/" + new string('a', 2100))), 400 },

        // What the audits run.
        { "page on loopback", Obj("\"url\":\"http://127.0.0.1/\"", Every15), 400 },
        { "unknown region", Obj(Url, Every15, "\"regions\":[\"xyz\"]"), 400 },
        { "even runs", Obj(Url, Every15, "\"runs\":4"), 400 },
        { "form factor tablet", Obj(Url, Every15, "\"formFactor\":\"tablet\""), 400 },
        { "name too long", Obj(Url, Every15, $"\"name\":\"{new string('n', 101)}\""), 400 },
    };

    [Theory]
    [MemberData(nameof(Requests))]
    public async Task Hostile_create_gets_the_right_4xx_and_writes_nothing(string name, string body, int status)
    {
        var before = await host.MonitorSnapshotAsync();

        using var response = await host.Http.CreateAsync(body);

        await AssertRefusedAsync(name, response, status);
        Assert.Equal(before, await host.MonitorSnapshotAsync());
    }

    [Theory]
    [MemberData(nameof(Requests))]
    public async Task Hostile_replacement_gets_the_right_4xx_and_writes_nothing(string name, string body, int status)
    {
        var before = await host.MonitorSnapshotAsync();

        using var response = await host.Http.ReplaceAsync(existingId, body, existingETag);

        await AssertRefusedAsync(name, response, status);
        Assert.Equal(before, await host.MonitorSnapshotAsync());
    }

    [Fact]
    public async Task Every_problem_is_listed_at_once_by_field()
    {
        using var response = await host.Http.CreateAsync(
            """{"url":"ftp://x/","runs":4,"formFactor":"tablet","cron":"* * * * *","thresholds":{"overall":{"maxCls":-1}}}""");
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var fields = problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).ToHashSet();
        Assert.Superset(new HashSet<string> { "url", "runs", "formFactor", "cron", "thresholds.overall.maxCls", "webhookUrl" }, fields);
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_refused_as_unsupported()
    {
        using var response = await host.Http.PostAsync("api/monitors", new StringContent("url=https://shop.example/", Encoding.UTF8, "application/x-www-form-urlencoded"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    public static TheoryData<string> UnknownMonitors() => new()
    {
        "mon-0190a1b2c3d47000a000000000000000",
        "abc",
        "MON-0190A1B2C3D47000A000000000000000",
        "0190a1b2c3d47000a000000000000000",
        "mon-..%2F..%2Fdefinitions",
        "mon-0190a1b2c3d47000a000000000000000.json",
    };

    [Theory]
    [MemberData(nameof(UnknownMonitors))]
    public async Task Unknown_or_malformed_monitor_id_is_404_on_every_route_and_writes_nothing(string monitorId)
    {
        var before = await host.MonitorSnapshotAsync();

        using var get = await host.Http.GetAsync($"api/monitors/{monitorId}");
        using var history = await host.Http.GetAsync($"api/monitors/{monitorId}/history");
        using var put = await host.Http.ReplaceAsync(monitorId, MonitorCalls.Body(), "\"1\"");
        using var delete = await host.Http.DeleteAsync(monitorId, ifMatch: null);
        using var conditionalDelete = await host.Http.DeleteAsync(monitorId, "\"1\"");

        foreach (var response in new[] { get, history, put, delete, conditionalDelete })
        {
            await AssertRefusedAsync($"{response.RequestMessage!.Method} {monitorId}", response, 404);
        }

        Assert.Equal(before, await host.MonitorSnapshotAsync());
    }

    public static TheoryData<string> BadListQueries() => new()
    {
        "pageSize=0",
        "pageSize=101",
        "pageSize=ten",
        "pageSize=-1",
        "continuationToken=" + new string('x', MonitorApi.MaxContinuationTokenLength + 1),
    };

    [Theory]
    [MemberData(nameof(BadListQueries))]
    public async Task Bad_list_query_is_400_naming_the_parameter(string query)
    {
        using var response = await host.Http.GetAsync($"api/monitors?{query}");

        await AssertRefusedAsync(query, response, 400);
        Assert.Contains(query.Split('=')[0], await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_continuation_token_storage_never_gave_is_never_a_5xx()
    {
        using var response = await host.Http.GetAsync("api/monitors?continuationToken=" + Uri.EscapeDataString("2!96!garbage/../../audits"));

        Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest, $"{(int)response.StatusCode}");
    }

    private static async Task AssertRefusedAsync(string name, HttpResponseMessage response, int status)
    {
        Assert.True(status == (int)response.StatusCode, $"{name}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}

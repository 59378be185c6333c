using System.Net;
using System.Text;
using Meridian.Core.Storage;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Moq;

namespace Meridian.Integration.Tests.Api;

/// <summary>
/// Hostile input on the user API: each gets the right 4xx with a problem body, never a 5xx, and
/// nothing is written or started.
/// </summary>
public sealed class AuditRequestHostileInputTests(ApiTestHost host) : IClassFixture<ApiTestHost>
{
    private const string Valid = "https://shop.example/";

    public static TheoryData<string, string, int> AuditRequests() => new()
    {
        { "not JSON", "{", 400 },
        { "empty body", "", 400 },
        { "JSON null", "null", 400 },
        { "an array", "[]", 400 },
        { "a string", "\"https://shop.example/\"", 400 },
        { "no url", "{}", 400 },
        { "url of the wrong type", """{"url":5}""", 400 },
        { "regions as a string", $$"""{"url":"{{Valid}}","regions":"iad"}""", 400 },
        { "regions with a number", $$"""{"url":"{{Valid}}","regions":[1]}""", 400 },
        { "runs as a string", $$"""{"url":"{{Valid}}","runs":"3"}""", 400 },
        { "runs as a fraction", $$"""{"url":"{{Valid}}","runs":3.5}""", 400 },
        { "runs zero", $$"""{"url":"{{Valid}}","runs":0}""", 400 },
        { "runs even", $$"""{"url":"{{Valid}}","runs":4}""", 400 },
        { "runs huge", $$"""{"url":"{{Valid}}","runs":2147483648}""", 400 },
        { "unknown field", $$"""{"url":"{{Valid}}","region":["iad"]}""", 400 },
        { "unknown region", $$"""{"url":"{{Valid}}","regions":["xyz"]}""", 400 },
        { "empty regions", $$"""{"url":"{{Valid}}","regions":[]}""", 400 },
        { "form factor tablet", $$"""{"url":"{{Valid}}","formFactor":"tablet"}""", 400 },
        { "deadline too short", $$"""{"url":"{{Valid}}","deadlineMinutes":1}""", 400 },
        { "deadline too long", $$"""{"url":"{{Valid}}","deadlineMinutes":31}""", 400 },
        { "ftp url", """{"url":"ftp://shop.example/"}""", 400 },
        { "relative url", """{"url":"/checkout"}""", 400 },
        { "url with credentials", """{"url":"https://user:pass@shop.example/"}""", 400 },
        { "loopback", """{"url":"http://127.0.0.1/"}""", 400 },
        { "localhost", """{"url":"http://localhost:8080/"}""", 400 },
        { "cloud metadata", """{"url":"http://169.254.169.254/latest/meta-data/"}""", 400 },
        { "IPv6 loopback", """{"url":"http://[::1]/"}""", 400 },
        { "private network", """{"url":"http://10.0.0.1/"}""", 400 },
        { "loopback as a number", """{"url":"http://2130706433/"}""", 400 },
        { "loopback in hex", """{"url":"http://0x7f.1/"}""", 400 },
        { "IPv4-mapped loopback", """{"url":"http://[::ffff:127.0.0.1]/"}""", 400 },
        { "metadata host name", """{"url":"http://metadata.google.internal/"}""", 400 },
        { "name resolving to a private address", """{"url":"https://private.example/"}""", 400 },
        { "url too long", $$"""{"url":"https://shop.example/{{new string('a', 3000)}}"}""", 400 },
        { "comments", $$"""{"url":"{{Valid}}" /* hi */}""", 400 },
        { "trailing comma", $$"""{"url":"{{Valid}}",}""", 400 },
        { "NaN", $$"""{"url":"{{Valid}}","runs":NaN}""", 400 },
        { "deep nesting", "{\"url\":" + new string('[', 64) + new string(']', 64) + "}", 400 },
        { "huge body", $$"""{"url":"{{Valid}}","padding":"{{new string('x', 40_000)}}"}""", 413 },
    };

    [Theory]
    [MemberData(nameof(AuditRequests))]
    public async Task Hostile_audit_request_gets_the_right_4xx_and_starts_nothing(string name, string body, int status)
    {
        var documents = await host.CountAsync(BlobLayout.AuditsContainer);
        var calls = host.Orchestrations.Invocations.Count;

        using var response = await host.Http.PostAsync("api/audits", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.True(status == (int)response.StatusCode, $"{name}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(documents, await host.CountAsync(BlobLayout.AuditsContainer));
        Assert.Equal(calls, host.Orchestrations.Invocations.Count);
    }

    [Fact]
    public async Task Body_that_is_not_json_is_refused_as_unsupported()
    {
        using var response = await host.Http.PostAsync("api/audits", new StringContent("url=https://shop.example/", Encoding.UTF8, "application/x-www-form-urlencoded"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Fact]
    public async Task Every_problem_is_listed_at_once_by_field()
    {
        using var response = await host.Http.PostAsync("api/audits", new StringContent("""{"url":"ftp://x/","runs":4,"formFactor":"tablet","regions":["xyz"]}""", Encoding.UTF8, "application/json"));
        var problem = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var fields = problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).ToHashSet();
        Assert.Superset(new HashSet<string> { "url", "runs", "formFactor", "regions" }, fields);
    }

    public static TheoryData<string> UnknownAudits() => new()
    {
        "0190a1b2c3d47000a000000000000000",
        "abc",
        "0190A1B2C3D47000A000000000000000",
        "..%2F..%2Faudits",
        "0190a1b2c3d47000a000000000000000.json",
    };

    [Theory]
    [MemberData(nameof(UnknownAudits))]
    public async Task Unknown_or_malformed_audit_id_is_404(string auditId)
    {
        using var response = await host.Http.GetAsync($"api/audits/{auditId}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    public static TheoryData<string> BadListQueries() => new()
    {
        "since=yesterday",
        "pageSize=0",
        "pageSize=1000",
        "pageSize=ten",
        "url=not-a-url",
        "url=ftp://shop.example/",
        "continuationToken=garbage",
        "continuationToken=eyJ4IjoxfQ",
    };

    [Theory]
    [MemberData(nameof(BadListQueries))]
    public async Task Bad_list_query_is_400_naming_the_parameter(string query)
    {
        using var response = await host.Http.GetAsync($"api/audits?{query}");
        var body = await response.Content.ReadAsStringAsync();

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{query}: {(int)response.StatusCode} {body}");
        Assert.Contains(query.Split('=')[0], body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_valid_request_is_recorded_started_and_answered_with_where_to_follow_it()
    {
        string? scheduledId = null;
        host.Orchestrations
            .Setup(o => o.ScheduleNewOrchestrationInstanceAsync(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<StartOrchestrationOptions?>(), It.IsAny<CancellationToken>()))
            .Callback<TaskName, object?, StartOrchestrationOptions?, CancellationToken>((_, _, options, _) => scheduledId = options!.InstanceId)
            .ReturnsAsync((TaskName _, object? _, StartOrchestrationOptions? options, CancellationToken _) => options!.InstanceId!);

        using var response = await host.Http.PostAsync("api/audits", new StringContent($$"""{"url":"{{Valid}}","regions":["iad","lhr"],"runs":1}""", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var accepted = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var auditId = accepted.GetProperty("auditId").GetString()!;
        Assert.Equal(auditId, scheduledId);
        Assert.EndsWith($"/api/audits/{auditId}", response.Headers.Location!.AbsoluteUri, StringComparison.Ordinal);
        var document = await host.Audits.GetAsync(auditId, CancellationToken.None);
        Assert.Equal((Valid, 2, 1), (document!.Url, document.Regions.Count, document.Runs));

        host.Orchestrations.Setup(o => o.GetInstanceAsync(auditId, true, It.IsAny<CancellationToken>())).ReturnsAsync((OrchestrationMetadata?)null);
        using var state = await host.Http.GetAsync($"api/audits/{auditId}");
        Assert.Equal(HttpStatusCode.OK, state.StatusCode);
        Assert.Contains("\"Pending\"", await state.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_start_that_the_engine_refuses_leaves_no_document_behind()
    {
        var failing = new ApiTestHost();
        await failing.InitializeAsync();
        failing.Orchestrations
            .Setup(o => o.ScheduleNewOrchestrationInstanceAsync(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<StartOrchestrationOptions?>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new InvalidOperationException("task hub unavailable"));
        try
        {
            using var response = await failing.Http.PostAsync("api/audits", new StringContent($$"""{"url":"{{Valid}}"}""", Encoding.UTF8, "application/json"));

            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.Equal(0, await failing.CountAsync(BlobLayout.AuditsContainer));
        }
        finally
        {
            await failing.DisposeAsync();
        }
    }
}

using System.Net;
using System.Text;
using Meridian.Core.Storage;
using Meridian.Integration.Tests.Http;
using Meridian.Testing.Api;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Moq;

namespace Meridian.Integration.Tests.Audits.Api;

/// <summary>
/// Hostile input on the user API: each gets the right 4xx with a problem body, never a 5xx, and
/// nothing is written or started.
/// </summary>
public sealed class AuditRequestHostileInputTests(ApiTestHost host) : IClassFixture<ApiTestHost>
{
    private const string Valid = HostileRequests.ValidUrl;

    public static TheoryData<string, string, int> AuditRequests() => HostileRequests.AsTheory(HostileRequests.AuditBodies);

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

    public static TheoryData<string> UnknownAudits() => [.. HostileRequests.UnknownAuditIds];

    [Theory]
    [MemberData(nameof(UnknownAudits))]
    public async Task Unknown_or_malformed_audit_id_is_404(string auditId)
    {
        using var response = await host.Http.GetAsync($"api/audits/{auditId}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    public static TheoryData<string> BadListQueries() => [.. HostileRequests.BadAuditListQueries];

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

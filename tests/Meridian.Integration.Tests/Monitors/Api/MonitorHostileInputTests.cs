using System.Net;
using System.Text;
using System.Text.Json;
using Meridian.Core.Monitors.Api;
using Meridian.Integration.Tests.Http;
using Meridian.Testing.Api;

namespace Meridian.Integration.Tests.Monitors.Api;

/// <summary>
/// Hostile input on the monitor API: each gets the right 4xx with a problem body, never a 5xx, and
/// the monitors container is left exactly as it was (no document, no marker, not even a rewrite).
/// </summary>
public sealed class MonitorHostileInputTests(ApiTestHost host) : IClassFixture<ApiTestHost>, IAsyncLifetime
{
    private string existingId = null!;
    private string existingETag = null!;

    public async Task InitializeAsync() => (existingId, existingETag) = await host.Http.CreatedAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    public static TheoryData<string, string, int> Requests() => HostileRequests.AsTheory(HostileRequests.MonitorBodies);

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

    public static TheoryData<string> BadListQueries() => [.. HostileRequests.BadMonitorListQueries];

    [Theory]
    [MemberData(nameof(BadListQueries))]
    public async Task Bad_list_query_is_400_naming_the_parameter(string query)
    {
        using var response = await host.Http.GetAsync($"api/monitors?{query}");

        await AssertRefusedAsync(query, response, 400);
        Assert.Contains(query.Split('=')[0], await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static async Task AssertRefusedAsync(string name, HttpResponseMessage response, int status)
    {
        Assert.True(status == (int)response.StatusCode, $"{name}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}

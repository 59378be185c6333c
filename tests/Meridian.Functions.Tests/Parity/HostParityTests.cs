using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Meridian.Core.Http;
using Meridian.Testing.Api;

namespace Meridian.Functions.Tests.Parity;

/// <summary>
/// The local host and the Functions app answer the same hostile requests the same way: status, content
/// type and body (less the per-request trace id). The list is the one the API's own tests use.
/// </summary>
public sealed class HostParityTests(ParityHosts hosts) : IClassFixture<ParityHosts>
{
    /// <summary>One request, sent alike to both hosts.</summary>
    public sealed record Probe(string Method, string Path, string? Body, string ContentType, int Status)
    {
        public HttpRequestMessage ToRequest() => new(new HttpMethod(Method), Path)
        {
            Content = Body is null ? null : new StringContent(Body, Encoding.UTF8, ContentType),
        };
    }

    private static readonly string Audits = $"{ApiRoutes.Prefix}/{ApiRoutes.Audits}";
    private static readonly string Monitors = $"{ApiRoutes.Prefix}/{ApiRoutes.Monitors}";

    /// <summary>
    /// Every shared hostile request. Those about a name that resolves to a private address are left
    /// out: the API's tests give that name a private address with a resolver of their own, and here it
    /// does not resolve at all.
    /// </summary>
    public static TheoryData<string> Probes() => [.. All().Keys];

    [Theory]
    [MemberData(nameof(Probes))]
    public async Task Both_hosts_answer_alike(string name)
    {
        var probe = All()[name];
        using var localRequest = probe.ToRequest();
        using var functionsRequest = probe.ToRequest();

        using var local = await hosts.Local.SendAsync(localRequest);
        using var functions = await hosts.Functions.SendAsync(functionsRequest);

        var localBody = Comparable(await local.Content.ReadAsStringAsync());
        Assert.True(probe.Status == (int)local.StatusCode, $"{name}: the local host answered {(int)local.StatusCode} {localBody}");
        var functionsBody = Comparable(await functions.Content.ReadAsStringAsync());
        Assert.True(
            ((int)local.StatusCode, local.Content.Headers.ContentType?.MediaType, localBody) == ((int)functions.StatusCode, functions.Content.Headers.ContentType?.MediaType, functionsBody),
            $"{name}:\n  local     {(int)local.StatusCode} {local.Content.Headers.ContentType} {localBody}\n  functions {(int)functions.StatusCode} {functions.Content.Headers.ContentType} {functionsBody}");
    }

    private static Dictionary<string, Probe> All()
    {
        var probes = new Dictionary<string, Probe>(StringComparer.Ordinal);
        foreach (var body in HostileRequests.AuditBodies.Where(Resolvable))
        {
            probes[$"POST audits: {body.Name}"] = new("POST", Audits, body.Json, "application/json", body.Status);
        }

        foreach (var body in HostileRequests.MonitorBodies.Where(Resolvable))
        {
            probes[$"POST monitors: {body.Name}"] = new("POST", Monitors, body.Json, "application/json", body.Status);
        }

        foreach (var id in HostileRequests.UnknownAuditIds)
        {
            probes[$"GET audit {id}"] = new("GET", $"{Audits}/{id}", null, "", 404);
        }

        foreach (var query in HostileRequests.BadAuditListQueries)
        {
            probes[$"GET audits?{query}"] = new("GET", $"{Audits}?{query}", null, "", 400);
        }

        probes["POST audits: a form, not JSON"] = new("POST", Audits, "url=https://shop.example/", "application/x-www-form-urlencoded", 415);
        probes["GET an unknown monitor"] = new("GET", $"{Monitors}/mon-0190a1b2c3d47000a000000000000000", null, "", 404);
        probes["POST an unsigned callback"] = new("POST", $"{Audits}/0190a1b2c3d47000a000000000000000/regions/iad/result", "{}", "application/json", 401);
        return probes;
    }

    private static bool Resolvable(HostileRequests.Body body) => !body.Name.Contains("resolving", StringComparison.Ordinal);

    /// <summary>The body as compact JSON without its trace id (new per request), or as sent when it is not JSON.</summary>
    private static string Comparable(string body)
    {
        try
        {
            if (JsonNode.Parse(body) is JsonObject problem)
            {
                problem.Remove("traceId");
                return problem.ToJsonString();
            }
        }
        catch (JsonException)
        {
        }

        return body;
    }
}

using System.Net;
using System.Text;
using Meridian.Core.Machines.Fly;

namespace Meridian.Core.Tests.Machines.Fly;

/// <summary>A Fly API answered by the test over the real HTTP client pipeline; records every request it sees.</summary>
internal sealed class ScriptedFlyHandler(Func<ScriptedFlyHandler.Request, HttpResponseMessage> answer) : HttpMessageHandler
{
    private readonly List<Request> requests = [];

    public sealed record Request(HttpMethod Method, Uri Uri, string? Authorization, string Body)
    {
        public string PathAndQuery => Uri.PathAndQuery;
    }

    public IReadOnlyList<Request> Requests
    {
        get
        {
            lock (requests)
            {
                return requests.ToList();
            }
        }
    }

    public static HttpResponseMessage Json(HttpStatusCode status, string json) =>
        new(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };

    public static HttpResponseMessage Error(HttpStatusCode status, string error, string? code = null) =>
        Json(status, code is null ? $$"""{"error":"{{error}}"}""" : $$"""{"error":"{{error}}","status":"{{code}}"}""");

    public static HttpResponseMessage Machine(string id, string state, string? eventsJson = null) =>
        Json(HttpStatusCode.OK, $$$"""{"id":"{{{id}}}","name":"m","state":"{{{state}}}","region":"iad","instance_id":"01H","private_ip":"fdaa::3","config":{"image":"img","metadata":{"meridian_audit_id":"audit-1","meridian_region":"iad"}},"events":{{{eventsJson ?? "[]"}}}}""");

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
        var recorded = new Request(request.Method, request.RequestUri!, request.Headers.Authorization?.ToString(), body);
        lock (requests)
        {
            requests.Add(recorded);
        }

        var response = answer(recorded);
        response.RequestMessage = request;
        return response;
    }
}

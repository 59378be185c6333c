using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Meridian.Testing.Web;

/// <summary>
/// A callback endpoint that records every request it gets and answers from a script of status codes
/// (then 200 once the script runs out), to test delivery against a real HTTP server.
/// </summary>
public sealed class RecordingCallback
{
    public const string Path = "callback";

    private readonly ConcurrentQueue<int> script;
    private readonly ConcurrentQueue<ReceivedRequest> received = new();

    public RecordingCallback(params int[] statuses) => script = new ConcurrentQueue<int>(statuses);

    public IReadOnlyList<ReceivedRequest> Received => [.. received];

    public void Map(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapPost("/" + Path, async (HttpRequest request) =>
        {
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body);
            received.Enqueue(new ReceivedRequest(
                request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
                body.ToArray()));
            return Results.StatusCode(script.TryDequeue(out var status) ? status : StatusCodes.Status200OK);
        });
    }
}

/// <summary>One request as the callback endpoint saw it.</summary>
public sealed record ReceivedRequest(IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}

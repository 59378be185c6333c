using System.CommandLine;
using System.Diagnostics;
using Meridian.Testing.Api;

namespace Meridian.Benchmarks;

/// <summary>
/// The hostile-input campaign the API's tests run, sent to a running <c>serve</c> (or any host of the
/// API): requests sent, answers by status, 5xx and SSRF targets accepted (goal 0 each).
/// </summary>
internal static class HostileBenchmark
{
    public static Command Command()
    {
        var api = new Option<string>("--api") { Description = "The host's base URL, as serve prints it.", DefaultValueFactory = _ => "http://127.0.0.1:7071/" };
        var concurrency = new Option<int>("--concurrency") { Description = "Requests in flight at once.", DefaultValueFactory = _ => 8 };
        var key = new Option<string?>("--key") { Description = "A function key, for the Functions app (sent as x-functions-key)." };
        var apiOnly = new Option<bool>("--api-only") { Description = "Only the API's inputs: not the report pages, nor the server's own limits (for the Functions app)." };
        var command = new Command("hostile", "Sends every hostile input of the test catalog to a running host and counts the answers.")
        {
            api, concurrency, key, apiOnly,
        };
        command.SetAction(async (parse, cancellation) => await RunAsync(new Uri(parse.GetValue(api)!, UriKind.Absolute), parse.GetValue(apiOnly) ? HostileScope.Api : HostileScope.Everything, parse.GetValue(concurrency), parse.GetValue(key), cancellation));
        return command;
    }

    private static async Task<int> RunAsync(Uri api, HostileScope scope, int concurrency, string? key, CancellationToken cancellation)
    {
        Console.WriteLine($"Hostile-input campaign against {api} ({(scope == HostileScope.Api ? "the API's inputs" : "everything")}, {concurrency} in flight)");
        var stopwatch = Stopwatch.StartNew();
        var tally = await HostileCampaign.RunAsync(api, scope, concurrency, key, cancellation);
        Console.WriteLine(tally.Describe());
        Console.WriteLine($"Wall                 {stopwatch.Elapsed.TotalSeconds:F1} s");
        return 0;
    }
}

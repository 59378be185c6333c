using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Meridian.Contract.Delivery;

namespace Meridian.Testing.Api;

/// <summary>
/// The hostile-input catalog (<see cref="HostileRequests"/>, <see cref="SsrfUrls"/>, the framework's
/// own refusals) sent to a running host, counted in a <see cref="HostileTally"/>. The API's tests run it
/// against the local host they start; the benchmark's <c>hostile</c> command runs it against any
/// <c>serve</c>. It writes nothing that lasts: the one monitor it needs (to send replacements to) is
/// created disabled and deleted at the end.
/// </summary>
public static class HostileCampaign
{
    /// <summary>Well-formed UUIDv7 hex ids that name no audit: past year 9999, all zeros, all f.</summary>
    public static IReadOnlyList<string> OutOfRangeAuditIds { get; } =
    [
        "ffffffffffff7fff8fffffffffffffff",
        "fffffffffff07000a000000000000000",
        "00000000000070008000000000000000",
    ];

    /// <param name="scope">What to send: the API's inputs only, or also the host's own pages and the server's limits.</param>
    /// <param name="functionKey">Sent as <c>x-functions-key</c>, for the Functions app; the local host asks for none.</param>
    public static async Task<HostileTally> RunAsync(
        Uri baseUrl, HostileScope scope = HostileScope.Everything, int concurrency = 8, string? functionKey = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        using var http = new HttpClient { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(30) };
        if (functionKey is not null)
        {
            http.DefaultRequestHeaders.Add("x-functions-key", functionKey);
        }

        var tally = new HostileTally();
        var monitor = await CreateDisabledMonitorAsync(http, cancellationToken);
        try
        {
            var probes = Probes(monitor.Path, monitor.ETag, scope).ToList();
            await Parallel.ForEachAsync(
                probes,
                new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken },
                async (probe, token) =>
                {
                    var (status, contentType, body) = probe.Raw is null ? await SendAsync(http, probe, token) : await SendRawAsync(baseUrl, probe.Raw, token);
                    tally.Add(probe, status, contentType, body);
                });
        }
        finally
        {
            using var deleted = await http.DeleteAsync(monitor.Path, CancellationToken.None);
        }

        return tally;
    }

    /// <summary>Every probe in <paramref name="scope"/>; <paramref name="monitorPath"/> and its ETag are for replacements (PUT).</summary>
    public static IEnumerable<HostileProbe> Probes(string monitorPath, string monitorETag, HostileScope scope)
    {
        var post = HttpMethod.Post;
        foreach (var body in HostileRequests.AuditBodies)
        {
            yield return new("audit body", body.Name, post, "api/audits", body.Json, body.Status);
        }

        foreach (var body in HostileRequests.MonitorBodies)
        {
            yield return new("monitor body", body.Name, post, "api/monitors", body.Json, body.Status);
            if (body.Status == 400)
            {
                yield return new("monitor replacement", body.Name, HttpMethod.Put, monitorPath, body.Json, body.Status)
                {
                    Headers = new Dictionary<string, string> { ["If-Match"] = monitorETag },
                };
            }
        }

        foreach (var url in SsrfUrls.All)
        {
            var quoted = JsonSerializer.Serialize(url);
            var valid = JsonSerializer.Serialize(HostileRequests.ValidUrl);
            var hook = $$$"""{"url":{{{valid}}},"intervalMinutes":15,"enabled":false,"thresholds":{"overall":{"minPerformanceScore":0.8}},"webhookUrl":{{{quoted}}}}""";
            yield return new("SSRF audit url", url, post, "api/audits", $$"""{"url":{{quoted}}}""", Ssrf: true);
            yield return new("SSRF monitor url", url, post, "api/monitors", $$"""{"url":{{quoted}},"intervalMinutes":15,"enabled":false}""", Ssrf: true);
            yield return new("SSRF webhook", url, post, "api/monitors", hook, Ssrf: true);
            yield return new("SSRF monitor replacement", url, HttpMethod.Put, monitorPath, $$"""{"url":{{quoted}},"intervalMinutes":15,"enabled":false}""", Ssrf: true)
            {
                Headers = new Dictionary<string, string> { ["If-Match"] = monitorETag },
            };
        }

        foreach (var id in HostileRequests.UnknownAuditIds.Concat(OutOfRangeAuditIds))
        {
            yield return new("audit id", id, HttpMethod.Get, $"api/audits/{id}", ExpectedStatus: 404);
        }

        foreach (var query in HostileRequests.BadAuditListQueries)
        {
            yield return new("audit list", Cut(query), HttpMethod.Get, $"api/audits?{query}");
        }

        foreach (var query in HostileRequests.BadMonitorListQueries)
        {
            yield return new("monitor list", Cut(query), HttpMethod.Get, $"api/monitors?{query}");
        }

        foreach (var probe in Callbacks())
        {
            yield return probe;
        }

        yield return new("audit body", "a form, not JSON", HttpMethod.Post, "api/audits", "url=https%3A%2F%2Fshop.example%2F", 415) { ContentType = "application/x-www-form-urlencoded" };
        if (scope == HostileScope.Api)
        {
            yield break;
        }

        yield return new("routing", "unknown route", HttpMethod.Get, "api/nothing-here", ExpectedStatus: 404);
        yield return new("routing", "unknown route, POST", HttpMethod.Post, "api/audits/x/y/z", "{}", 404);
        yield return new("routing", "wrong method", HttpMethod.Delete, "api/audits", ExpectedStatus: 405);
        yield return new("routing", "wrong method on the callback", HttpMethod.Get, $"api/audits/{OutOfRangeAuditIds[0]}/regions/iad/result", ExpectedStatus: 405);

        foreach (var id in HostileRequests.UnknownAuditIds.Concat(OutOfRangeAuditIds))
        {
            yield return new("report page", id, HttpMethod.Get, $"reports/{id}", ExpectedStatus: 404);
        }

        foreach (var probe in ServerLimits())
        {
            yield return probe;
        }
    }

    private static IEnumerable<HostileProbe> Callbacks()
    {
        const string result = """{"resultId":"r1","status":"completed"}""";
        var path = $"api/audits/{OutOfRangeAuditIds[0]}/regions/iad/result";
        yield return new("callback", "unsigned", HttpMethod.Post, path, result, 401);
        yield return new("callback", "forged signature", HttpMethod.Post, path, result, 401)
        {
            Headers = new Dictionary<string, string>
            {
                [CallbackSignature.TimestampHeader] = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture),
                [CallbackSignature.SignatureHeader] = "sha256=" + new string('0', 64),
            },
        };
        yield return new("callback", "body over 64 KB", HttpMethod.Post, path, new string('x', 70 * 1024), 413);
        yield return new("callback", "id of 5,000 characters", HttpMethod.Post, $"api/audits/{new string('a', 5000)}/regions/iad/result", result, 401);
        yield return new("callback", "id with a newline and an escape", HttpMethod.Post, "api/audits/%0Aforged%1b[31m/regions/iad/result", result, 401);
    }

    private static IEnumerable<HostileProbe> ServerLimits()
    {
        yield return new("server", "unknown path outside the API", HttpMethod.Get, "wp-login.php", ExpectedStatus: 404);
        yield return new("server", "URL of 10,000 characters", HttpMethod.Get, "api/audits?x=" + new string('a', 10_000), ExpectedStatus: 414);
        yield return new("server", "a header of 40 KB", HttpMethod.Get, "api/audits", ExpectedStatus: 431)
        {
            Headers = new Dictionary<string, string> { ["X-Padding"] = new string('a', 40 * 1024) },
        };
        yield return new("server", "150 headers", HttpMethod.Get, "api/audits", ExpectedStatus: 431)
        {
            Headers = Enumerable.Range(0, 150).ToDictionary(i => $"X-H{i}", _ => "1"),
        };
        yield return new("server", "chunk size that overflows", HttpMethod.Post, "api/audits")
        {
            Raw = Encoding.ASCII.GetBytes("POST /api/audits HTTP/1.1\r\nHost: h\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\nFFFFFFFFFFFFFFFFFFFF\r\n"),
        };
        yield return new("server", "body shorter than its Content-Length (the server stops waiting)", HttpMethod.Post, "api/monitors", ExpectedStatus: 408)
        {
            Raw = Encoding.ASCII.GetBytes("POST /api/monitors HTTP/1.1\r\nHost: h\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"url\":"),
        };
        yield return new("server", "request line that is not HTTP", HttpMethod.Get, "/")
        {
            Raw = Encoding.ASCII.GetBytes("GARBAGE\r\n\r\n"),
            BareAllowed = true,
        };
        yield return new("server", "header without a colon", HttpMethod.Get, "/")
        {
            Raw = Encoding.ASCII.GetBytes("GET /api/audits HTTP/1.1\r\nHost: h\r\nNot a header\r\n\r\n"),
            BareAllowed = true,
        };
    }

    private static async Task<(string Path, string ETag)> CreateDisabledMonitorAsync(HttpClient http, CancellationToken cancellationToken)
    {
        var body = $$"""{"url":"{{HostileRequests.ValidUrl}}","intervalMinutes":15,"enabled":false,"name":"hostile-input campaign (deleted when it ends)"}""";
        using var response = await http.PostAsync("api/monitors", new StringContent(body, Encoding.UTF8, "application/json"), cancellationToken);
        if (!response.IsSuccessStatusCode || response.Headers.Location is null || response.Headers.ETag is null)
        {
            throw new InvalidOperationException($"Could not create the campaign's monitor: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }

        return (response.Headers.Location.AbsolutePath.TrimStart('/'), response.Headers.ETag.ToString());
    }

    private static async Task<(int Status, string? ContentType, string Body)> SendAsync(HttpClient http, HostileProbe probe, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(probe.Method, probe.Path);
        if (probe.Body is not null)
        {
            request.Content = new StringContent(probe.Body, Encoding.UTF8);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(probe.ContentType);
        }

        foreach (var (name, value) in probe.Headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            return ((int)response.StatusCode, response.Content.Headers.ContentType?.MediaType, await response.Content.ReadAsStringAsync(cancellationToken));
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return (0, null, e.Message);
        }
    }

    // Bytes no HTTP client would send, written to the socket; the answer's status line, Content-Type and body read back.
    private static async Task<(int Status, string? ContentType, string Body)> SendRawAsync(Uri baseUrl, byte[] bytes, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(baseUrl.Host, baseUrl.Port, timeout.Token);
            var stream = client.GetStream();
            await stream.WriteAsync(bytes, timeout.Token);

            // Not shut down for sending: a server takes a half-closed connection for a client gone, and answers nothing.
            using var reader = new StreamReader(stream, Encoding.UTF8);
            var answer = await reader.ReadToEndAsync(timeout.Token);
            return ParseAnswer(answer);
        }
        catch (Exception e) when (e is SocketException or IOException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return (0, null, e.Message);
        }
    }

    private static (int Status, string? ContentType, string Body) ParseAnswer(string answer)
    {
        var headerEnd = answer.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        var head = headerEnd < 0 ? answer : answer[..headerEnd];
        var lines = head.Split("\r\n");
        var parts = lines[0].Split(' ');
        var status = parts.Length > 1 && int.TryParse(parts[1], out var code) ? code : 0;
        var contentType = lines.Skip(1)
            .Where(line => line.StartsWith("Content-Type:", StringComparison.OrdinalIgnoreCase))
            .Select(line => line["Content-Type:".Length..].Split(';')[0].Trim())
            .FirstOrDefault();
        var body = headerEnd < 0 ? string.Empty : answer[(headerEnd + 4)..];
        if (lines.Any(line => line.Equals("Transfer-Encoding: chunked", StringComparison.OrdinalIgnoreCase)))
        {
            body = Unchunk(body);
        }

        return (status, contentType, body);
    }

    private static string Unchunk(string body)
    {
        var result = new StringBuilder();
        var position = 0;
        while (position < body.Length)
        {
            var lineEnd = body.IndexOf("\r\n", position, StringComparison.Ordinal);
            if (lineEnd < 0 || !int.TryParse(body.AsSpan(position, lineEnd - position), System.Globalization.NumberStyles.HexNumber, null, out var size) || size == 0)
            {
                break;
            }

            result.Append(body, lineEnd + 2, Math.Min(size, body.Length - lineEnd - 2));
            position = lineEnd + 2 + size + 2;
        }

        return result.ToString();
    }

    private static string Cut(string text) => text.Length > 80 ? text[..80] + "…" : text;
}

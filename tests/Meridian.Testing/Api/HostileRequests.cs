using Meridian.Core.Monitors.Api;
using Xunit;

namespace Meridian.Testing.Api;

/// <summary>
/// Hostile requests and the status each must get, shared by the API's own tests (on the local host's
/// endpoints) and the parity test that sends each to the local host and to the Functions app alike.
/// </summary>
public static class HostileRequests
{
    /// <summary>
    /// A public page that is fine as an audit or monitor url, where the rest of a request is not. An
    /// address, not a name: whether a name resolves (or times out) depends on the machine's DNS, and
    /// the same request must get the same answer from every host.
    /// </summary>
    public const string ValidUrl = "https://93.184.215.14/";

    /// <summary>A public address a monitor's alerts may be posted to.</summary>
    public const string ValidWebhook = "https://93.184.215.14/alerts";

    /// <summary>One request body and the status it must get.</summary>
    public sealed record Body(string Name, string Json, int Status);

    public static TheoryData<string, string, int> AsTheory(IEnumerable<Body> bodies)
    {
        var data = new TheoryData<string, string, int>();
        foreach (var body in bodies)
        {
            data.Add(body.Name, body.Json, body.Status);
        }

        return data;
    }

    /// <summary>Bodies of <c>POST api/audits</c>.</summary>
    public static IReadOnlyList<Body> AuditBodies { get; } =
    [
        new("not JSON", "{", 400),
        new("empty body", "", 400),
        new("JSON null", "null", 400),
        new("an array", "[]", 400),
        new("a string", "\"https://shop.example/\"", 400),
        new("no url", "{}", 400),
        new("url of the wrong type", """{"url":5}""", 400),
        new("regions as a string", $$"""{"url":"{{ValidUrl}}","regions":"iad"}""", 400),
        new("regions with a number", $$"""{"url":"{{ValidUrl}}","regions":[1]}""", 400),
        new("runs as a string", $$"""{"url":"{{ValidUrl}}","runs":"3"}""", 400),
        new("runs as a fraction", $$"""{"url":"{{ValidUrl}}","runs":3.5}""", 400),
        new("runs zero", $$"""{"url":"{{ValidUrl}}","runs":0}""", 400),
        new("runs even", $$"""{"url":"{{ValidUrl}}","runs":4}""", 400),
        new("runs huge", $$"""{"url":"{{ValidUrl}}","runs":2147483648}""", 400),
        new("unknown field", $$"""{"url":"{{ValidUrl}}","region":["iad"]}""", 400),
        new("unknown region", $$"""{"url":"{{ValidUrl}}","regions":["xyz"]}""", 400),
        new("empty regions", $$"""{"url":"{{ValidUrl}}","regions":[]}""", 400),
        new("form factor tablet", $$"""{"url":"{{ValidUrl}}","formFactor":"tablet"}""", 400),
        new("deadline too short", $$"""{"url":"{{ValidUrl}}","deadlineMinutes":1}""", 400),
        new("deadline too long", $$"""{"url":"{{ValidUrl}}","deadlineMinutes":31}""", 400),
        new("ftp url", """{"url":"ftp://shop.example/"}""", 400),
        new("relative url", """{"url":"/checkout"}""", 400),
        new("url with credentials", """{"url":"https://user:pass@shop.example/"}""", 400),
        new("loopback", """{"url":"http://127.0.0.1/"}""", 400),
        new("localhost", """{"url":"http://localhost:8080/"}""", 400),
        new("cloud metadata", """{"url":"http://169.254.169.254/latest/meta-data/"}""", 400),
        new("IPv6 loopback", """{"url":"http://[::1]/"}""", 400),
        new("private network", """{"url":"http://10.0.0.1/"}""", 400),
        new("loopback as a number", """{"url":"http://2130706433/"}""", 400),
        new("loopback in hex", """{"url":"http://0x7f.1/"}""", 400),
        new("IPv4-mapped loopback", """{"url":"http://[::ffff:127.0.0.1]/"}""", 400),
        new("metadata host name", """{"url":"http://metadata.google.internal/"}""", 400),
        new("name resolving to a private address", """{"url":"https://private.example/"}""", 400),
        new("url too long", $$"""{"url":"https://shop.example/{{new string('a', 3000)}}"}""", 400),
        new("comments", $$"""{"url":"{{ValidUrl}}" /* hi */}""", 400),
        new("trailing comma", $$"""{"url":"{{ValidUrl}}",}""", 400),
        new("NaN", $$"""{"url":"{{ValidUrl}}","runs":NaN}""", 400),
        new("deep nesting", "{\"url\":" + new string('[', 64) + new string(']', 64) + "}", 400),
        new("huge body", $$"""{"url":"{{ValidUrl}}","padding":"{{new string('x', 40_000)}}"}""", 413),
    ];

    /// <summary>Bodies of <c>POST api/monitors</c> (and <c>PUT</c> of an existing one).</summary>
    public static IReadOnlyList<Body> MonitorBodies { get; } =
    [
        // Not a monitor request at all.
        new("not JSON", "{", 400),
        new("empty body", "", 400),
        new("JSON null", "null", 400),
        new("an array", "[]", 400),
        new("comments", Obj(Url, Every15 + " /* hi */"), 400),
        new("trailing comma", Obj(Url, Every15, ""), 400),
        new("deep nesting", "{\"url\":" + new string('[', 64) + new string(']', 64) + "}", 400),
        new("huge body", Obj(Url, Every15, $"\"name\":\"{new string('x', MonitorApi.MaxRequestBytes)}\""), 413),

        // Wrong types and unknown fields.
        new("url of the wrong type", Obj("\"url\":5", Every15), 400),
        new("interval as a string", Obj(Url, "\"intervalMinutes\":\"15\""), 400),
        new("interval as a fraction", Obj(Url, "\"intervalMinutes\":15.5"), 400),
        new("interval beyond a 32-bit number", Obj(Url, "\"intervalMinutes\":2147483648"), 400),
        new("cron as a number", Obj(Url, "\"cron\":5"), 400),
        new("enabled as a string", Obj(Url, Every15, "\"enabled\":\"yes\""), 400),
        new("thresholds as a number", Obj(Url, Every15, "\"thresholds\":5", Hook), 400),
        new("a limit as a string", Obj(Url, Every15, Thresholds("""{"overall":{"minPerformanceScore":"0.8"}}"""), Hook), 400),
        new("unknown field", Obj(Url, "\"interval\":15"), 400),
        new("unknown limit", Obj(Url, Every15, Thresholds("""{"overall":{"maxFcpMs":3000}}"""), Hook), 400),
        new("unknown threshold group", Obj(Url, Every15, Thresholds("""{"perRegion":{"maxCls":0.1}}"""), Hook), 400),
        new("read-only field sent back", Obj(Url, Every15, "\"revision\":7"), 400),

        // Schedules.
        new("neither interval nor cron", Obj(Url), 400),
        new("both interval and cron", Obj(Url, Every15, Cron("*/15 * * * *")), 400),
        new("interval 4", Obj(Url, "\"intervalMinutes\":4"), 400),
        new("interval 0", Obj(Url, "\"intervalMinutes\":0"), 400),
        new("interval -5", Obj(Url, "\"intervalMinutes\":-5"), 400),
        new("interval 10081", Obj(Url, "\"intervalMinutes\":10081"), 400),
        new("cron of three fields", Obj(Url, Cron("* * *")), 400),
        new("cron minute 61", Obj(Url, Cron("61 * * * *")), 400),
        new("cron every minute", Obj(Url, Cron("* * * * *")), 400),
        new("cron every 2 minutes", Obj(Url, Cron("*/2 * * * *")), 400),
        new("cron with seconds", Obj(Url, Cron("0 */15 * * * *")), 400),
        new("cron that never runs", Obj(Url, Cron("0 0 31 2 *")), 400),
        new("cron macro @hourly", Obj(Url, Cron("@hourly")), 400),
        new("cron last day L", Obj(Url, Cron("0 0 L * *")), 400),
        new("cron weekday W", Obj(Url, Cron("0 0 15W * *")), 400),
        new("cron nth weekday #", Obj(Url, Cron("0 0 * * 1#2")), 400),
        new("cron any ?", Obj(Url, Cron("0 0 ? * *")), 400),
        new("cron day names", Obj(Url, Cron("0 6 * * MON-FRI")), 400),

        // Thresholds.
        new("score above 1", Obj(Url, Every15, Thresholds("""{"overall":{"minPerformanceScore":1.5}}"""), Hook), 400),
        new("negative LCP", Obj(Url, Every15, Thresholds("""{"overall":{"maxLcpMs":-1}}"""), Hook), 400),
        new("TBT over ten minutes", Obj(Url, Every15, Thresholds("""{"eachRegion":{"maxTbtMs":600001}}"""), Hook), 400),
        new("CLS above 10", Obj(Url, Every15, Thresholds("""{"eachRegion":{"maxCls":11}}"""), Hook), 400),
        new("thresholds without any limit", Obj(Url, Every15, Thresholds("""{"overall":{}}"""), Hook), 400),
        new("thresholds without a webhook", Obj(Url, Every15, Score80), 400),

        // Webhooks Meridian must not post to.
        new("webhook on loopback", Obj(Url, Every15, Score80, Webhook("http://127.0.0.1/")), 400),
        new("webhook to cloud metadata", Obj(Url, Every15, Score80, Webhook("http://169.254.169.254/latest")), 400),
        new("webhook to localhost", Obj(Url, Every15, Score80, Webhook("http://localhost/")), 400),
        new("webhook on a private network", Obj(Url, Every15, Score80, Webhook("http://10.0.0.1/")), 400),
        new("webhook to a file", Obj(Url, Every15, Score80, Webhook("file:///etc/passwd")), 400),
        new("webhook named .internal", Obj(Url, Every15, Score80, Webhook("http://metadata.google.internal/")), 400),
        new("webhook resolving to a private address", Obj(Url, Every15, Score80, Webhook("https://private.example/")), 400),
        new("webhook with credentials", Obj(Url, Every15, Score80, Webhook("https://u:p@hooks.example/")), 400),
        new("webhook too long", Obj(Url, Every15, Score80, Webhook("https://hooks.example/" + new string('a', 2100))), 400),

        // What the audits run.
        new("page on loopback", Obj("\"url\":\"http://127.0.0.1/\"", Every15), 400),
        new("unknown region", Obj(Url, Every15, "\"regions\":[\"xyz\"]"), 400),
        new("even runs", Obj(Url, Every15, "\"runs\":4"), 400),
        new("form factor tablet", Obj(Url, Every15, "\"formFactor\":\"tablet\""), 400),
        new("name too long", Obj(Url, Every15, $"\"name\":\"{new string('n', 101)}\""), 400),
    ];

    /// <summary>Audit ids for <c>GET api/audits/{auditId}</c> that name no audit: 404.</summary>
    public static IReadOnlyList<string> UnknownAuditIds { get; } =
    [
        "0190a1b2c3d47000a000000000000000",
        "abc",
        "0190A1B2C3D47000A000000000000000",
        "..%2F..%2Faudits",
        "0190a1b2c3d47000a000000000000000.json",
    ];

    /// <summary>Queries of <c>GET api/audits</c> that are 400, naming the parameter.</summary>
    public static IReadOnlyList<string> BadAuditListQueries { get; } =
    [
        "since=yesterday",
        "pageSize=0",
        "pageSize=1000",
        "pageSize=ten",
        "url=not-a-url",
        "url=ftp://shop.example/",
        "continuationToken=garbage",
        "continuationToken=eyJ4IjoxfQ",
        "continuationToken=%00",
        // A storage cursor as the store writes one ({"d":day,"c":continuation}), not sealed by the API.
        "continuationToken=eyJkIjoiMjAyNi0xMS0yMyIsImMiOiIyITk2IWdhcmJhZ2UifQ",
        "continuationToken=" + new string('x', 5000),
    ];

    /// <summary>Queries of <c>GET api/monitors</c> that are 400, naming the parameter.</summary>
    public static IReadOnlyList<string> BadMonitorListQueries { get; } =
    [
        "pageSize=0",
        "pageSize=101",
        "pageSize=ten",
        "pageSize=-1",
        "continuationToken=garbage",
        "continuationToken=%00",
        // Blob Storage's own continuation marker, as a client might copy it from a storage listing.
        "continuationToken=" + Uri.EscapeDataString("2!96!MDAwMDExIW1vbml0b3JzL3guanNvbiEwMDAwMjghOTk5OS0xMi0zMVQyMzo1OTo1OS45OTk5OTk5WiE-"),
        "continuationToken=" + Uri.EscapeDataString("2!96!garbage/../../audits"),
        "continuationToken=" + new string('x', 5000),
    ];

    private const string Url = "\"url\":\"" + ValidUrl + "\"";
    private const string Every15 = "\"intervalMinutes\":15";
    private const string Hook = "\"webhookUrl\":\"" + ValidWebhook + "\"";
    private const string Score80 = "\"thresholds\":{\"overall\":{\"minPerformanceScore\":0.8}}";

    /// <summary>A JSON object of these members, as written.</summary>
    private static string Obj(params string[] members) => "{" + string.Join(",", members) + "}";

    private static string Cron(string cron) => $"\"cron\":\"{cron}\"";

    private static string Thresholds(string json) => "\"thresholds\":" + json;

    private static string Webhook(string url) => $"\"webhookUrl\":\"{url}\"";
}

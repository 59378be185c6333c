using System.Text;
using System.Text.Json;

namespace Meridian.Integration.Tests.Monitors.Api;

/// <summary>The monitor API's calls as a client makes them, and the requests they send.</summary>
internal static class MonitorCalls
{
    /// <summary>A valid request body; each argument replaces one part.</summary>
    public static string Body(string schedule = "\"intervalMinutes\":15", string url = "https://shop.example/", string extra = "") =>
        $$"""{"url":"{{url}}","regions":["iad","lhr"],"runs":1,{{schedule}}{{extra}}}""";

    public static Task<HttpResponseMessage> CreateAsync(this HttpClient http, string body) =>
        http.PostAsync("api/monitors", Json(body));

    public static Task<HttpResponseMessage> ReplaceAsync(this HttpClient http, string monitorId, string body, string? ifMatch) =>
        http.SendAsync(WithIfMatch(new HttpRequestMessage(HttpMethod.Put, $"api/monitors/{monitorId}") { Content = Json(body) }, ifMatch));

    public static Task<HttpResponseMessage> DeleteAsync(this HttpClient http, string monitorId, string? ifMatch) =>
        http.SendAsync(WithIfMatch(new HttpRequestMessage(HttpMethod.Delete, $"api/monitors/{monitorId}"), ifMatch));

    /// <summary>Creates a monitor and returns its id and ETag.</summary>
    public static async Task<(string Id, string ETag)> CreatedAsync(this HttpClient http, string? body = null)
    {
        using var response = await http.CreateAsync(body ?? Body());
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return ((await ReadAsync(response)).GetProperty("id").GetString()!, response.Headers.ETag!.ToString());
    }

    public static async Task<JsonElement> ReadAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private static HttpRequestMessage WithIfMatch(HttpRequestMessage request, string? ifMatch)
    {
        // Sent as written, so tests can send what a strict client would refuse to.
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return request;
    }
}

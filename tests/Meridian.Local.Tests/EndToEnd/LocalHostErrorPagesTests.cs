using System.Net;
using System.Text.Json;
using Meridian.Local.Hosting;
using Meridian.Testing.Worker;

namespace Meridian.Local.Tests.EndToEnd;

/// <summary>
/// The local host's own answers, outside the API's handlers: an unknown route, a wrong method and an
/// unknown report get a body that says what happened (problem JSON for the API, a page for a browser).
/// </summary>
public sealed class LocalHostErrorPagesTests : IAsyncLifetime
{
    private readonly string data = Directory.CreateTempSubdirectory("meridian-error-pages-").FullName;
    private LocalCloud? cloud;
    private HttpClient Http { get; set; } = null!;

    public async Task InitializeAsync()
    {
        cloud = await LocalCloud.StartAsync(LocalAudits.Options(data) with { WorkerCommand = InstantLighthouse.Worker(Path.Combine(data, "lighthouse")) });
        Http = new HttpClient { BaseAddress = cloud.BaseUrl };
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        if (cloud is not null)
        {
            await cloud.DisposeAsync();
        }

        Directory.Delete(data, recursive: true);
    }

    [Theory]
    [InlineData("GET", "api/no-such-thing", 404)]
    [InlineData("GET", "api/audits/0190a1b2c3d47000a000000000000000/regions/iad/result", 405)]
    [InlineData("DELETE", "api/audits", 405)]
    [InlineData("PATCH", "api/monitors", 405)]
    public async Task Framework_answers_are_problem_json_with_type_title_and_status(string method, string path, int status)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        request.Headers.Accept.ParseAdd("application/json");

        using var response = await Http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(body);
        Assert.Equal(status, problem.RootElement.GetProperty("status").GetInt32());
        Assert.StartsWith("https://", problem.RootElement.GetProperty("type").GetString(), StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(problem.RootElement.GetProperty("title").GetString()));
    }

    [Theory]
    [InlineData("reports/0190a1b2c3d47000a000000000000000")]
    [InlineData("reports/ffffffffffff7fff8fffffffffffffff")]
    [InlineData("reports/%3Cscript%3E")]
    public async Task An_unknown_report_is_a_404_page_that_says_so(string path)
    {
        using var response = await Http.GetAsync(path);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<h1>No such audit</h1>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
    }
}

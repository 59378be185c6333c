using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Meridian.Core.Machines.Fly;
using Meridian.Integration.Tests.Monitors.Api;

namespace Meridian.Integration.Tests.FlyStandIn;

public sealed class ApiErrorTests(StandInFixture fixture) : IClassFixture<StandInFixture>, IDisposable
{
    private StandInApi Api { get; } = new(fixture.Server);

    public void Dispose() => Api.Dispose();

    [Theory]
    [InlineData(null)]
    [InlineData("Bearer wrong-token")]
    [InlineData("Bearer test-token-but-longer")]
    [InlineData("Basic dGVzdC10b2tlbg==")]
    public async Task Request_without_the_token_is_401(string? authorization)
    {
        using var anonymous = new StandInApi(fixture.Server, token: null);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"apps/{StandInApi.App}/machines");
        if (authorization is not null)
        {
            request.Headers.Authorization = AuthenticationHeaderValue.Parse(authorization);
        }

        using var response = await anonymous.Http.SendAsync(request);

        Assert.Equal("unauthorized", (await StandInApi.ErrorAsync(response, HttpStatusCode.Unauthorized)).Error);
    }

    [Fact]
    public async Task Every_path_needs_the_token()
    {
        using var anonymous = new StandInApi(fixture.Server, token: null);
        using var regions = await anonymous.Http.GetAsync("platform/regions");
        using var unknown = await anonymous.Http.GetAsync("no/such/path");

        Assert.Equal(HttpStatusCode.Unauthorized, regions.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
    }

    [Fact]
    public async Task Other_app_is_404()
    {
        using var response = await Api.CreateRawAsync(StandInApi.Request(TestImages.ExitZero), app: "someone-elses-app");

        Assert.Equal("app not found", (await StandInApi.ErrorAsync(response, HttpStatusCode.NotFound)).Error);
    }

    [Fact]
    public async Task Unknown_machine_is_404()
    {
        using var response = await Api.GetRawAsync("0123456789abcd");

        Assert.Equal("machine not found", (await StandInApi.ErrorAsync(response, HttpStatusCode.NotFound)).Error);
    }

    [Fact]
    public async Task Unknown_image_is_422_naming_the_image()
    {
        using var response = await Api.CreateRawAsync(StandInApi.Request("registry.fly.io/not-mapped:latest"));

        var error = await StandInApi.ErrorAsync(response, (HttpStatusCode)422);
        Assert.Contains("registry.fly.io/not-mapped:latest", error.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Region_outside_the_catalog_is_422()
    {
        using var response = await Api.CreateRawAsync(StandInApi.Request(TestImages.ExitZero, region: "xyz"));

        Assert.Equal("invalid region 'xyz'", (await StandInApi.ErrorAsync(response, (HttpStatusCode)422)).Error);
    }

    [Fact]
    public async Task Body_that_is_not_a_machine_is_400()
    {
        using var response = await Api.Http.PostAsync(
            $"apps/{StandInApi.App}/machines", JsonContent.Create(new { region = "iad" }));

        Assert.StartsWith("invalid request body", (await StandInApi.ErrorAsync(response, HttpStatusCode.BadRequest)).Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("state=running&timeout=5")]
    [InlineData("state=started&timeout=0")]
    [InlineData("state=started&timeout=61")]
    [InlineData("state=started&timeout=soon")]
    public async Task Wait_with_a_bad_state_or_timeout_is_400(string query)
    {
        var machine = await Api.CreateAsync(StandInApi.Request(TestImages.ExitZero));

        using var response = await Api.Http.GetAsync($"apps/{StandInApi.App}/machines/{machine.Id}/wait?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Stop_with_an_unknown_signal_is_400()
    {
        var machine = await Api.CreateAsync(StandInApi.Request(TestImages.ExitZero));

        using var response = await Api.StopRawAsync(machine.Id, new StopMachineRequest { Signal = "SIGBOGUS" });

        Assert.Equal("invalid signal 'SIGBOGUS'", (await StandInApi.ErrorAsync(response, HttpStatusCode.BadRequest)).Error);
    }
}

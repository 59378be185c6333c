using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Meridian.Core.Machines.Fly;
using Meridian.Core.Regions;
using Meridian.Local.FlyStandIn;
using Meridian.Local.FlyStandIn.Faults;
using Meridian.Integration.Tests.Monitors.Api;

namespace Meridian.Integration.Tests.FlyStandIn;

/// <summary>A plain HttpClient speaking to the stand-in with FlyJsonContext's shapes (not the product's client).</summary>
internal sealed class StandInApi : IDisposable
{
    public const string Token = "test-token";
    public const string App = "meridian-test";

    private readonly HttpClient http;

    public StandInApi(FlyStandInServer server, string? token = Token)
    {
        http = new HttpClient { BaseAddress = server.ApiBaseUrl, Timeout = TimeSpan.FromSeconds(90) };
        if (token is not null)
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
    }

    public HttpClient Http => http;

    /// <summary>
    /// The stand-in as the tests usually want it: limits off unless a test is about them, and machines
    /// kept "stopped" for a second before auto-destroy so that state can be read.
    /// </summary>
    public static FlyStandInOptions Options(
        bool rateLimits = false,
        ExitedAtFormat exitedAt = ExitedAtFormat.Alternate,
        IDictionary<string, RegionFault>? regionFaults = null,
        ExitEventPlace exitPlace = ExitEventPlace.Alternate,
        string appName = App,
        string? stateDirectory = null) => new()
        {
            ApiToken = Token,
            AppName = appName,
            Images = TestImages.All(),
            RateLimitsEnabled = rateLimits,
            AutoDestroyDelay = TimeSpan.FromSeconds(1),
            ExitedAtFormat = exitedAt,
            ExitEventPlace = exitPlace,
            RegionFaults = regionFaults ?? new Dictionary<string, RegionFault>(),
            StateDirectory = stateDirectory,
        };

    public static CreateMachineRequest Request(
        string image,
        string region = "iad",
        bool autoDestroy = false,
        string? name = null,
        IReadOnlyDictionary<string, string>? env = null,
        IReadOnlyDictionary<string, string>? metadata = null,
        StopConfig? stopConfig = null) => new()
        {
            Name = name,
            Region = region,
            Config = new MachineConfig
            {
                Image = image,
                AutoDestroy = autoDestroy,
                Restart = new MachineRestart { Policy = "no" },
                Guest = new MachineGuest { CpuKind = "performance", Cpus = 2, MemoryMb = 4096 },
                Env = env,
                Metadata = metadata,
                StopConfig = stopConfig,
            },
        };

    public Task<HttpResponseMessage> CreateRawAsync(CreateMachineRequest request, string app = App) =>
        http.PostAsJsonAsync($"apps/{app}/machines", request, FlyJsonContext.Default.CreateMachineRequest);

    public async Task<Machine> CreateAsync(CreateMachineRequest request)
    {
        using var response = await CreateRawAsync(request);
        return await ReadAsync(response, HttpStatusCode.OK, FlyJsonContext.Default.Machine);
    }

    public Task<HttpResponseMessage> GetRawAsync(string id) => http.GetAsync($"apps/{App}/machines/{id}");

    public async Task<Machine> GetAsync(string id)
    {
        using var response = await GetRawAsync(id);
        return await ReadAsync(response, HttpStatusCode.OK, FlyJsonContext.Default.Machine);
    }

    public Task<HttpResponseMessage> WaitRawAsync(string id, string state, int timeoutSeconds = 30) =>
        http.GetAsync($"apps/{App}/machines/{id}/wait?state={state}&timeout={timeoutSeconds}");

    public async Task WaitAsync(string id, string state, int timeoutSeconds = 30)
    {
        using var response = await WaitRawAsync(id, state, timeoutSeconds);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"wait for {state}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    public Task<HttpResponseMessage> StopRawAsync(string id, StopMachineRequest? body = null) =>
        body is null
            ? http.PostAsync($"apps/{App}/machines/{id}/stop", content: null)
            : http.PostAsJsonAsync($"apps/{App}/machines/{id}/stop", body, FlyJsonContext.Default.StopMachineRequest);

    public Task<HttpResponseMessage> StartRawAsync(string id) => http.PostAsync($"apps/{App}/machines/{id}/start", content: null);

    /// <param name="query">The force flag as sent: <c>force=true</c> (Fly's docs), <c>kill=true</c> (flyctl).</param>
    public Task<HttpResponseMessage> DeleteRawAsync(string id, bool force = false, string query = "force=true") =>
        http.DeleteAsync($"apps/{App}/machines/{id}" + (force ? "?" + query : string.Empty));

    public async Task<IReadOnlyList<Machine>> ListAsync(string query = "")
    {
        using var response = await http.GetAsync($"apps/{App}/machines{query}");
        return await ReadAsync(response, HttpStatusCode.OK, FlyJsonContext.Default.IReadOnlyListMachine);
    }

    public static async Task<FlyErrorResponse> ErrorAsync(HttpResponseMessage response, HttpStatusCode expected) =>
        await ReadAsync(response, expected, FlyJsonContext.Default.FlyErrorResponse);

    public static async Task<T> ReadAsync<T>(HttpResponseMessage response, HttpStatusCode expected, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"expected {(int)expected}, got {(int)response.StatusCode}: {body}");
        return System.Text.Json.JsonSerializer.Deserialize(body, type)!;
    }

    public void Dispose() => http.Dispose();
}

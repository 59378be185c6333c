using System.Net.Http.Headers;
using System.Text.Json;
using Meridian.Core.Machines.Fly;
using Meridian.Local.FlyStandIn;
using Meridian.Testing.Audits;
using Meridian.Testing.Fly;

namespace Meridian.Integration.Tests.FlyStandIn;

/// <summary>
/// Client and stand-in held to the same fixtures (<see cref="FlyShapes"/>, written from Fly's docs and
/// fly-go's types): the stand-in writes no field and no JSON kind those machines do not have, writes
/// every field Fly always sends, and the client reads what it writes. The client's side of the same
/// fixtures is FlyResponseShapesTests.
/// </summary>
public sealed class FlyShapeContractTests(FlyShapeContractTests.WrittenMachines machines) : IClassFixture<FlyShapeContractTests.WrittenMachines>
{
    /// <summary>Fields whose keys are the user's, not Fly's: their entries are one shape.</summary>
    private static readonly string[] Maps = ["$.config.metadata", "$.config.env"];

    private List<JsonElement> Written => machines.Json;

    [Fact]
    public void The_stand_in_writes_no_field_or_kind_that_Flys_machines_do_not_have()
    {
        var fly = Shape(FlyShapes.ForeignMachine, FlyShapes.OlderExitPlace, FlyShapes.BothExitPlaces)
            .Union(SentConfig()).ToHashSet();

        var invented = Written.SelectMany(Paths).Distinct().Where(path => !fly.Contains(path)).Order().ToList();

        Assert.True(invented.Count == 0, $"not in Fly's shapes: {string.Join(", ", invented)}");
    }

    [Fact]
    public void The_stand_in_writes_every_field_Fly_always_sends()
    {
        // Fly's machine outside the config and the event's request: what every machine it answers carries.
        var always = Paths(Parse(FlyShapes.ForeignMachine))
            .Where(path => !path.StartsWith("$.config.", StringComparison.Ordinal) && !path.StartsWith("$.events[].request", StringComparison.Ordinal) && !path.StartsWith("$.image_ref.", StringComparison.Ordinal))
            .ToHashSet();

        Assert.All(Written, machine => Assert.Empty(always.Except(Paths(machine)).Order()));
    }

    [Fact]
    public void The_client_reads_every_machine_the_stand_in_writes_and_finds_the_exit_in_each_form()
    {
        var list = FlyMachineList.Read(Written, (_, _) => { });

        Assert.Equal(Written.Count, list.Count);
        Assert.All(list, machine => Assert.Equal(3, machine.Events!.Select(e => e.Request?.Exit?.ExitCode).First(code => code is not null)));
        Assert.Equal(2, Written.Count(machine => machine.ToString().Contains("MonitorEvent", StringComparison.Ordinal))); // both places came up
    }

    /// <summary>Fly answers the config it was sent: the create request's config is Fly's shape too.</summary>
    private static IEnumerable<string> SentConfig()
    {
        var request = JsonSerializer.SerializeToElement(
            FlyMachineRequests.For(TestWorkerJobs.Create(), new FlyOptions { AppName = "a", WorkerImage = "img", ApiToken = "t" }),
            FlyJsonContext.Default.CreateMachineRequest);
        return Paths(request.GetProperty("config"), "$.config").Select(path => path.Replace(":True", ":Boolean", StringComparison.Ordinal).Replace(":False", ":Boolean", StringComparison.Ordinal));
    }

    private static HashSet<string> Shape(params string[] machines) => machines.SelectMany(json => Paths(Parse(json))).ToHashSet();

    private static JsonElement Parse(string json) => JsonDocument.Parse(json).RootElement.Clone();

    /// <summary>
    /// Every field as <c>path:kind</c>, array items as <c>[]</c>, the entries of user maps as <c>*</c>, true
    /// and false as Boolean, and the exit event at either of its places as one (it is one type in fly-go).
    /// </summary>
    private static IEnumerable<string> Paths(JsonElement value) =>
        Paths(value, "$").Select(path => path
            .Replace(".request.MonitorEvent.exit_event", ".request.(exit_event)", StringComparison.Ordinal)
            .Replace(".request.exit_event", ".request.(exit_event)", StringComparison.Ordinal)
            .Replace(".request.MonitorEvent:Object", ".request:Object", StringComparison.Ordinal));

    private static IEnumerable<string> Paths(JsonElement value, string path)
    {
        yield return $"{path}:{(value.ValueKind is JsonValueKind.True or JsonValueKind.False ? "Boolean" : value.ValueKind)}";
        var children = value.ValueKind switch
        {
            JsonValueKind.Object => value.EnumerateObject().Select(p => (Path: $"{path}.{(Maps.Contains(path) ? "*" : p.Name)}", p.Value)),
            JsonValueKind.Array => value.EnumerateArray().Select(item => (Path: $"{path}[]", Value: item)),
            _ => [],
        };
        foreach (var (childPath, child) in children)
        {
            foreach (var nested in Paths(child, childPath))
            {
                yield return nested;
            }
        }
    }

    /// <summary>Four machines the product's client made on the stand-in, read back raw once they exited: the stand-in alternates the exit's place and its timestamp's form between them.</summary>
    public sealed class WrittenMachines : IAsyncLifetime
    {
        private StandInFly? fly;

        public List<JsonElement> Json { get; } = [];

        public async Task InitializeAsync()
        {
            fly = await StandInFly.StartAsync(ImageCommand.Shell("exit 3"), rateLimits: false, autoDestroyDelay: TimeSpan.FromMinutes(1));
            using var http = new HttpClient { BaseAddress = fly.Server.ApiBaseUrl };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", StandInFly.Token);
            foreach (var region in new[] { "iad", "lhr", "syd", "nrt" })
            {
                var job = TestWorkerJobs.Create("audit-shapes", region, callbackUrl: new Uri("http://127.0.0.1:9/"), deadline: DateTimeOffset.UtcNow.AddMinutes(5));
                var start = await fly.Machines.StartAsync(job, CancellationToken.None);
                Json.Add(await ExitedAsync(http, start.MachineId!));
            }
        }

        public async Task DisposeAsync()
        {
            if (fly is not null)
            {
                await fly.DisposeAsync();
            }
        }

        private static async Task<JsonElement> ExitedAsync(HttpClient http, string machineId)
        {
            for (var attempt = 0; ; attempt++)
            {
                var json = JsonDocument.Parse(await http.GetStringAsync($"apps/{StandInFly.App}/machines/{machineId}")).RootElement.Clone();
                if (json.GetProperty("state").GetString() == "stopped" || attempt == 100)
                {
                    return json;
                }

                await Task.Delay(50);
            }
        }
    }
}

using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Meridian.Core.Machines.Fly;
using Meridian.Local.FlyStandIn;
using Meridian.Integration.Tests.Monitors.Api;

namespace Meridian.Integration.Tests.FlyStandIn;

public sealed class ExitEventFormatTests
{
    [Theory]
    [InlineData(ExitedAtFormat.Rfc3339, JsonValueKind.String)]
    [InlineData(ExitedAtFormat.EpochMilliseconds, JsonValueKind.Number)]
    public async Task Exited_at_is_written_in_the_configured_form_and_reads_back(ExitedAtFormat format, JsonValueKind kind)
    {
        await using var server = await FlyStandInServer.StartAsync(StandInApi.Options(exitedAt: format, exitPlace: ExitEventPlace.Request));
        using var api = new StandInApi(server);
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);
        var machine = await api.CreateAsync(StandInApi.Request(TestImages.ExitSeven));
        await api.WaitAsync(machine.Id, "stopped");

        using var response = await api.GetRawAsync(machine.Id);
        var json = await response.Content.ReadAsStringAsync();

        var exitedAt = JsonNode.Parse(json)!["events"]![0]!["request"]!["exit_event"]!["exited_at"]!;
        Assert.Equal(kind, exitedAt.GetValueKind());
        var read = System.Text.Json.JsonSerializer.Deserialize(json, FlyJsonContext.Default.Machine)!;
        var exit = read.Events![0].Request!.Exit!;
        Assert.Equal(7, exit.ExitCode);
        Assert.InRange(exit.ExitedAt!.Value, before, DateTimeOffset.UtcNow.AddSeconds(1));
    }

    [Fact]
    public async Task Alternating_form_gives_consecutive_machines_both_forms()
    {
        await using var server = await FlyStandInServer.StartAsync(StandInApi.Options(exitedAt: ExitedAtFormat.Alternate, exitPlace: ExitEventPlace.Request));
        using var api = new StandInApi(server);
        var first = await api.CreateAsync(StandInApi.Request(TestImages.ExitSeven));
        var second = await api.CreateAsync(StandInApi.Request(TestImages.ExitSeven));
        await api.WaitAsync(first.Id, "stopped");
        await api.WaitAsync(second.Id, "stopped");

        var kinds = new HashSet<JsonValueKind>();
        foreach (var id in new[] { first.Id, second.Id })
        {
            using var response = await api.GetRawAsync(id);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var node = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            kinds.Add(node["events"]![0]!["request"]!["exit_event"]!["exited_at"]!.GetValueKind());
        }

        Assert.Equal([JsonValueKind.String, JsonValueKind.Number], kinds.Order());
    }

    [Fact]
    public async Task The_exit_under_MonitorEvent_and_a_timeout_in_nanoseconds_read_back_through_the_client_types()
    {
        await using var server = await FlyStandInServer.StartAsync(StandInApi.Options(exitPlace: ExitEventPlace.MonitorEvent));
        using var api = new StandInApi(server);
        var machine = await api.CreateAsync(StandInApi.Request(TestImages.ExitSeven, stopConfig: new StopConfig { Signal = "SIGTERM", Timeout = "30s" }));
        await api.WaitAsync(machine.Id, "stopped");

        using var response = await api.GetRawAsync(machine.Id);
        var json = await response.Content.ReadAsStringAsync();

        var node = JsonNode.Parse(json)!;
        Assert.Null(node["events"]![0]!["request"]!["exit_event"]);
        Assert.Equal(7, node["events"]![0]!["request"]!["MonitorEvent"]!["exit_event"]!["exit_code"]!.GetValue<int>());
        Assert.Equal(30_000_000_000, node["config"]!["stop_config"]!["timeout"]!.GetValue<long>());
        var read = System.Text.Json.JsonSerializer.Deserialize(json, FlyJsonContext.Default.Machine)!;
        Assert.Equal(7, FlyRegionMachines.LastExit(read)!.ExitCode);
        Assert.Equal("30s", read.Config!.StopConfig!.Timeout);
    }
}

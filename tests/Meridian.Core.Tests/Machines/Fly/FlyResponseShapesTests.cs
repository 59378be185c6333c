using System.Net;
using System.Text.Json;
using Meridian.Core.Machines.Fly;
using Meridian.Testing.Fly;

namespace Meridian.Core.Tests.Machines.Fly;

/// <summary>The client's types read what Fly really sends (<see cref="FlyShapes"/>), not only what Meridian writes.</summary>
public sealed class FlyResponseShapesTests
{
    [Fact]
    public void A_machine_another_tool_made_reads_with_its_optional_fields_left_out()
    {
        var machine = Read(FlyShapes.ForeignMachine);

        Assert.Equal("1781973f003d89", machine.Id);
        Assert.Null(machine.Config!.Restart!.Policy);
        Assert.Null(machine.Config.Guest!.CpuKind);
        Assert.Equal(256, machine.Config.Guest.MemoryMb);
        Assert.Equal("30s", machine.Config.StopConfig!.Timeout);
        Assert.Equal("SIGINT", machine.Config.StopConfig.Signal);
    }

    [Fact]
    public void The_exit_is_read_from_MonitorEvent()
    {
        var exit = FlyRegionMachines.LastExit(Read(FlyShapes.ForeignMachine));

        Assert.NotNull(exit);
        Assert.Equal(3, exit.ExitCode);
        Assert.Equal(DateTimeOffset.Parse("2023-10-31T02:30:11.5Z", System.Globalization.CultureInfo.InvariantCulture), exit.ExitedAt);
    }

    [Fact]
    public void The_exit_is_read_from_its_older_place_and_a_fractional_timeout_kept_exact()
    {
        var machine = Read(FlyShapes.OlderExitPlace);

        Assert.Equal(0, FlyRegionMachines.LastExit(machine)!.ExitCode);
        Assert.Equal("1500000000ns", machine.Config!.StopConfig!.Timeout);
    }

    [Fact]
    public void MonitorEvent_wins_over_the_older_place_as_fly_go_reads_them()
    {
        var exit = FlyRegionMachines.LastExit(Read(FlyShapes.BothExitPlaces))!;

        Assert.Equal(2, exit.ExitCode);
        Assert.True(exit.OomKilled);
    }

    [Fact]
    public void A_list_is_read_machine_by_machine_and_what_cannot_be_read_is_named()
    {
        var listed = JsonSerializer.Deserialize(FlyShapes.ListWithUnreadable, FlyJsonContext.Default.ListJsonElement)!;
        var skipped = new List<string>();

        var machines = FlyMachineList.Read(listed, (id, _) => skipped.Add(id));

        Assert.Equal(["1781973f003d89"], machines.Select(m => m.Id));
        Assert.Equal(["e2865013b30e86", "(no id)"], skipped);
    }

    [Fact]
    public void A_timeout_Meridian_writes_stays_a_go_duration_string()
    {
        var request = new CreateMachineRequest
        {
            Region = "iad",
            Config = new MachineConfig { Image = "i", StopConfig = new StopConfig { Signal = "SIGTERM", Timeout = "30s" } },
        };

        var json = JsonSerializer.Serialize(request, FlyJsonContext.Default.CreateMachineRequest);

        Assert.Contains("\"stop_config\":{\"signal\":\"SIGTERM\",\"timeout\":\"30s\"}", json, StringComparison.Ordinal);
    }

    [Fact]
    public void An_error_with_a_message_is_reported_by_its_message_not_as_its_status_word()
    {
        var failure = FlyFailure.FromResponse(HttpStatusCode.Conflict, FlyShapes.ErrorWithMessage);

        Assert.Equal("Fly answered 409: machine ID 1781973f003d89 lease currently held by someone else", failure.Message);
    }

    [Fact]
    public void An_error_with_a_code_keeps_the_code()
    {
        var failure = FlyFailure.FromResponse(HttpStatusCode.PreconditionFailed, FlyShapes.ErrorWithCode);

        Assert.Equal(FlyFailureKind.RegionUnavailable, failure.Kind);
        Assert.EndsWith("(insufficient_capacity)", failure.Message, StringComparison.Ordinal);
    }

    private static Machine Read(string json) => JsonSerializer.Deserialize(json, FlyJsonContext.Default.Machine)!;
}

using Meridian.Core.Machines.Fly;

namespace Meridian.Core.Tests.Machines.Fly;

/// <summary>Every machine state Fly documents has a decision while a start is awaited.</summary>
public sealed class FlyMachineStatesTests
{
    [Theory]
    [InlineData("creating", StartDecision.KeepWaiting)]
    [InlineData("created", StartDecision.KeepWaiting)]
    [InlineData("starting", StartDecision.KeepWaiting)]
    [InlineData("updating", StartDecision.KeepWaiting)]
    [InlineData("replacing", StartDecision.KeepWaiting)]
    [InlineData("replaced", StartDecision.KeepWaiting)]
    [InlineData("migrated", StartDecision.KeepWaiting)]
    [InlineData("started", StartDecision.Started)]
    [InlineData("stopping", StartDecision.AlreadyFinished)]
    [InlineData("stopped", StartDecision.AlreadyFinished)]
    [InlineData("suspending", StartDecision.AlreadyFinished)]
    [InlineData("suspended", StartDecision.AlreadyFinished)]
    [InlineData("destroying", StartDecision.AlreadyFinished)]
    [InlineData("destroyed", StartDecision.AlreadyFinished)]
    [InlineData("failed", StartDecision.FailFast)]
    [InlineData("launch_failed", StartDecision.FailFast)]
    public void Each_documented_state_has_its_decision(string state, StartDecision decision)
    {
        Assert.Contains(state, FlyMachineStates.Documented);
        Assert.Equal(decision, FlyMachineStates.Decide(state));
    }

    [Fact]
    public void The_table_lists_exactly_the_documented_states()
    {
        Assert.Equal(16, FlyMachineStates.Documented.Count);
    }

    [Theory]
    [InlineData("hibernating")]
    [InlineData(null)]
    public void A_state_Fly_adds_later_is_waited_on_within_the_start_timeout(string? state)
    {
        Assert.Equal(StartDecision.KeepWaiting, FlyMachineStates.Decide(state));
    }

    [Theory]
    [InlineData("""[{"type":"destroy","timestamp":3},{"type":"launch","status":"launch_failed","timestamp":2}]""", StartDecision.FailFast)]
    [InlineData("""[{"type":"destroy","timestamp":3},{"type":"exit","timestamp":2},{"type":"start","timestamp":1}]""", StartDecision.AlreadyFinished)]
    public void A_machine_over_without_ever_starting_failed_to_launch(string events, StartDecision decision)
    {
        var machine = System.Text.Json.JsonSerializer.Deserialize(
            $$"""{"id":"m","state":"destroyed","events":{{events}}}""", FlyJsonContext.Default.Machine)!;

        Assert.Equal(decision, FlyMachineStates.Decide(machine));
    }
}

namespace Meridian.Core.Machines.Fly;

/// <summary>What waiting for a machine to start does when it sees a state.</summary>
public enum StartDecision
{
    /// <summary>On its way (or changing under the same id): wait on, within the start timeout.</summary>
    KeepWaiting,

    /// <summary>Running.</summary>
    Started,

    /// <summary>It ran and is over already (a worker that fails fast): its result, or its silence, decides.</summary>
    AlreadyFinished,

    /// <summary>It will never run: destroy it and fail the region now, not at the start timeout.</summary>
    FailFast,
}

/// <summary>
/// Every machine state Fly documents, with its decision. <c>launch_failed</c> moves on to
/// <c>destroyed</c> by itself, but the region has failed already; <c>replaced</c> and <c>migrated</c>
/// are an earlier version or host of the same machine id, which carries on. A state not listed
/// (Fly adds them) is waited on, within the start timeout.
/// </summary>
public static class FlyMachineStates
{
    private static readonly Dictionary<string, StartDecision> Decisions = new(StringComparer.OrdinalIgnoreCase)
    {
        ["creating"] = StartDecision.KeepWaiting,
        ["created"] = StartDecision.KeepWaiting,
        ["starting"] = StartDecision.KeepWaiting,
        ["updating"] = StartDecision.KeepWaiting,
        ["replacing"] = StartDecision.KeepWaiting,
        ["replaced"] = StartDecision.KeepWaiting,
        ["migrated"] = StartDecision.KeepWaiting,
        ["started"] = StartDecision.Started,
        ["stopping"] = StartDecision.AlreadyFinished,
        ["stopped"] = StartDecision.AlreadyFinished,
        ["suspending"] = StartDecision.AlreadyFinished,
        ["suspended"] = StartDecision.AlreadyFinished,
        ["destroying"] = StartDecision.AlreadyFinished,
        ["destroyed"] = StartDecision.AlreadyFinished,
        ["failed"] = StartDecision.FailFast,
        ["launch_failed"] = StartDecision.FailFast,
    };

    /// <summary>The states Fly documents.</summary>
    public static IReadOnlyCollection<string> Documented => Decisions.Keys;

    public static StartDecision Decide(string? state) =>
        state is not null && Decisions.TryGetValue(state, out var decision) ? decision : StartDecision.KeepWaiting;

    /// <summary>
    /// As <see cref="Decide(string?)"/>, but a machine that is over without a "start" among its events
    /// never ran (a launch_failed machine Fly has destroyed already): it failed.
    /// </summary>
    public static StartDecision Decide(Machine machine)
    {
        ArgumentNullException.ThrowIfNull(machine);
        var decision = Decide(machine.State);
        return decision == StartDecision.AlreadyFinished && machine.Events is { Count: > 0 } events && !events.Any(e => e.Type == "start")
            ? StartDecision.FailFast
            : decision;
    }
}

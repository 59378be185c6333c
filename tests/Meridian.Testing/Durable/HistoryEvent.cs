namespace Meridian.Testing.Durable;

/// <summary>
/// The history the test host keeps for an orchestration, as the Durable engine does: the
/// orchestration is re-run against it after every new event, and what it schedules on replay must
/// match what it scheduled the first time.
/// </summary>
public abstract record HistoryEvent;

/// <summary>An episode begins; its time is what <c>CurrentUtcDateTime</c> returns during it.</summary>
public sealed record OrchestratorStarted(DateTime Timestamp) : HistoryEvent;

public sealed record ExecutionStarted(string InputJson) : HistoryEvent;

public sealed record TaskScheduled(int TaskId, string Name, string InputJson) : HistoryEvent;

public sealed record TaskCompleted(int TaskId, string ResultJson) : HistoryEvent;

public sealed record TaskFailed(int TaskId, string ErrorMessage) : HistoryEvent;

public sealed record TimerCreated(int TaskId, DateTime FireAt) : HistoryEvent;

public sealed record TimerFired(int TaskId) : HistoryEvent;

public sealed record EventRaised(string Name, string PayloadJson) : HistoryEvent;

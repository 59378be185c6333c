using System.Text.Json;
using Meridian.Core.Durable;

namespace Meridian.Testing.Durable;

/// <summary>An activity the orchestration scheduled, and when (virtual time).</summary>
public sealed record ActivityCall(int TaskId, string Name, string InputJson, DateTime ScheduledAt)
{
    public T Input<T>() => JsonSerializer.Deserialize<T>(InputJson, DurableJson.Options)!;
}

/// <summary>A custom status the orchestration published, and when.</summary>
public sealed record CustomStatusUpdate(DateTime At, string Json)
{
    public T Read<T>() => JsonSerializer.Deserialize<T>(Json, DurableJson.Options)!;
}

/// <summary>Everything a test may want to assert about one orchestration run on the <see cref="DurableTestHost"/>.</summary>
public sealed record OrchestrationRun<TOutput>(
    TOutput? Output,
    Exception? Failure,
    DateTime StartedAt,
    DateTime ReturnedAt,
    DateTime CompletedAt,
    int Episodes,
    IReadOnlyList<HistoryEvent> History,
    IReadOnlyList<ActivityCall> ActivityCalls,
    IReadOnlyList<CustomStatusUpdate> CustomStatuses)
{
    public IReadOnlyList<ActivityCall> CallsTo(string activityName) =>
        ActivityCalls.Where(call => call.Name == activityName).ToList();

    public T LastCustomStatus<T>() => CustomStatuses[^1].Read<T>();
}

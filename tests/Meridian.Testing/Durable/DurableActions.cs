namespace Meridian.Testing.Durable;

/// <summary>Something the orchestration asked the engine for; its id is its position in the order of asking.</summary>
internal abstract class DurableAction(int id)
{
    public int Id { get; } = id;

    public abstract bool IsOpen { get; }

    public abstract HistoryEvent ToScheduledEvent();
}

internal sealed class ActivityAction(int id, string name, string inputJson) : DurableAction(id)
{
    public string Name { get; } = name;

    public string InputJson { get; } = inputJson;

    public TaskCompletionSource<string> Completion { get; } = new();

    public override bool IsOpen => !Completion.Task.IsCompleted;

    public override HistoryEvent ToScheduledEvent() => new TaskScheduled(Id, Name, InputJson);
}

internal sealed class TimerAction(int id, DateTime fireAt) : DurableAction(id)
{
    public DateTime FireAt { get; } = fireAt;

    public TaskCompletionSource Completion { get; } = new();

    public bool IsCancelled => Completion.Task.IsCanceled;

    public override bool IsOpen => !Completion.Task.IsCompleted;

    public override HistoryEvent ToScheduledEvent() => new TimerCreated(Id, FireAt);
}

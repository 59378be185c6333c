namespace Meridian.Testing.Orchestration;

/// <summary>One activity invocation a scenario answered, with the wall-clock time it ran.</summary>
public sealed record ActivityCall(string Name, object Payload, DateTime At)
{
    public T Input<T>() => (T)Payload;
}

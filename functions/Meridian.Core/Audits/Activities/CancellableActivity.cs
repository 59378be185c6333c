using Microsoft.DurableTask;

namespace Meridian.Core.Audits.Activities;

/// <summary>
/// An activity that honours its host's cancellation. The Functions trigger has a token (host shutdown,
/// function timeout) and calls <see cref="RunAsync(TInput, CancellationToken)"/>; the engines'
/// task context has none, so they run it uncancelled.
/// </summary>
public abstract class CancellableActivity<TInput, TOutput> : TaskActivity<TInput, TOutput>
{
    public sealed override Task<TOutput> RunAsync(TaskActivityContext context, TInput input) =>
        RunAsync(input, CancellationToken.None);

    public abstract Task<TOutput> RunAsync(TInput input, CancellationToken cancellationToken);
}

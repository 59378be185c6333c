using Microsoft.Extensions.DependencyInjection;

namespace Meridian.Local.Durable;

/// <summary>An activity the local host can run by name, with its payloads as JSON, as an activity trigger sees them.</summary>
internal abstract class ActivityRegistration(string name)
{
    public string Name { get; } = name;

    /// <summary>One invocation: reads the input, runs the activity in its own service scope, writes the output.</summary>
    public abstract Task<string?> RunAsync(IServiceProvider services, string? inputJson, CancellationToken cancellationToken);
}

/// <summary>
/// An activity taking <typeparamref name="TInput"/> and returning <typeparamref name="TOutput"/>,
/// resolved from a fresh service scope for every invocation, as the Functions host does per invocation.
/// </summary>
internal sealed class ActivityRegistration<TInput, TOutput>(
    string name, Func<IServiceProvider, Func<TInput, CancellationToken, Task<TOutput>>> resolve)
    : ActivityRegistration(name)
{
    public override async Task<string?> RunAsync(IServiceProvider services, string? inputJson, CancellationToken cancellationToken)
    {
        // Read on the activity's side, as the activity trigger does: an input that does not read back fails the activity.
        var input = DurablePayload.Deserialize<TInput>(inputJson)!;

        var scope = services.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            var output = await resolve(scope.ServiceProvider)(input, cancellationToken).ConfigureAwait(false);
            return DurablePayload.Serialize(output);
        }
    }
}

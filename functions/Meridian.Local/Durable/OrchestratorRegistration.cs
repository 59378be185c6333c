using Meridian.Core.Durable;

namespace Meridian.Local.Durable;

/// <summary>An orchestrator the local host can start by name, with its input and output as JSON, as Durable stores them.</summary>
internal abstract class OrchestratorRegistration(string name)
{
    public string Name { get; } = name;

    /// <summary>Reads the input, runs the orchestration to its return and writes its output.</summary>
    public abstract Task<string?> RunAsync(IOrchestrationContext context, string? inputJson);
}

internal sealed class OrchestratorRegistration<TInput, TOutput>(
    string name, Func<IOrchestrationContext, TInput, Task<TOutput>> orchestrator)
    : OrchestratorRegistration(name)
{
    public override async Task<string?> RunAsync(IOrchestrationContext context, string? inputJson)
    {
        var input = DurablePayload.Deserialize<TInput>(inputJson)!;

        // Orchestration code: no ConfigureAwait(false), everything after the await stays on the instance's scheduler.
        var output = await orchestrator(context, input);
        return DurablePayload.Serialize(output);
    }
}

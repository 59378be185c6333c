using Meridian.Core.Fly;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Meridian.Functions;

/// <summary>Every ten minutes, destroys Fly machines whose audit has finished (Core's <see cref="OrphanMachineSweeper"/>).</summary>
public sealed class OrphanSweepFunction(IServiceProvider services)
{
    [Function(nameof(OrphanSweepFunction))]
    public Task<OrphanSweepResult> Run(
        [TimerTrigger("0 */10 * * * *")] TimerInfo timer, [DurableClient] DurableTaskClient client, FunctionContext executionContext) =>
        ActivatorUtilities.CreateInstance<OrphanMachineSweeper>(services, client)
            .SweepAsync(executionContext.CancellationToken);
}

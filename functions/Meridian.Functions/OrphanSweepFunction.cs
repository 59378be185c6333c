using Meridian.Core.Machines.Fly;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Meridian.Functions;

/// <summary>Every ten minutes, destroys Fly machines whose audit has finished (Core's <see cref="OrphanMachineSweeper"/>).</summary>
public sealed class OrphanSweepFunction(OrphanMachineSweeper sweeper)
{
    [Function(nameof(OrphanSweepFunction))]
    public Task<OrphanSweepResult> Run(
        [TimerTrigger("0 */10 * * * *")] TimerInfo timer, [DurableClient] DurableTaskClient client, FunctionContext executionContext) =>
        sweeper.SweepAsync(client, executionContext.CancellationToken);
}

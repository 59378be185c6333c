using Meridian.Core.Monitors;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Meridian.Functions;

/// <summary>
/// Every minute, starts the audits of the monitors that are due (Core's <see cref="MonitorScheduler"/>).
/// Times are UTC (Flex Consumption ignores WEBSITE_TIME_ZONE). Two instances firing at once, or a
/// tick that fires twice, start each slot once; a missed tick is caught up by one audit per monitor.
/// </summary>
public sealed class MonitorSchedulerFunction(MonitorScheduler scheduler)
{
    [Function(nameof(MonitorSchedulerFunction))]
    public Task<MonitorTickSummary> Run(
        [TimerTrigger("0 */1 * * * *")] TimerInfo timer, [DurableClient] DurableTaskClient client, FunctionContext executionContext) =>
        scheduler.TickAsync(client, executionContext.CancellationToken);
}

using Meridian.Core.Monitors;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Meridian.Local.Hosting;

/// <summary>
/// The local host's stand-in for the Functions app's minute timer: calls the same Core
/// <see cref="MonitorScheduler"/> at the start of every minute (and once at start-up, which
/// catches up what came due while the host was down).
/// </summary>
internal sealed partial class MonitorSchedulerService(
    MonitorScheduler scheduler, DurableTaskClient client, TimeProvider time, ILogger<MonitorSchedulerService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await scheduler.TickAsync(client, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Azurite restarting, say: the next minute tries again, as the timer trigger would.
                LogTickFailed(logger, e);
            }

            var now = time.GetUtcNow();
            var nextMinute = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0, TimeSpan.Zero).AddMinutes(1);
            try
            {
                await Task.Delay(nextMinute - now, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Monitor tick failed; trying again next minute")]
    private static partial void LogTickFailed(ILogger logger, Exception exception);
}

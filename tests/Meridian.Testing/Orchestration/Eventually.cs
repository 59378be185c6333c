using Meridian.Core.Audits.Orchestration;
using Microsoft.DurableTask.Client;

namespace Meridian.Testing.Orchestration;

/// <summary>Waits for something to come true: a running orchestration to show some progress, or any condition.</summary>
public static class Eventually
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>Returns once <paramref name="condition"/> holds; throws a <see cref="TimeoutException"/> after <paramref name="timeout"/>.</summary>
    public static async Task TrueAsync(Func<bool> condition, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var giveUpAt = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (DateTime.UtcNow >= giveUpAt)
            {
                throw new TimeoutException($"Still not true after {timeout.TotalSeconds:0} s.");
            }

            await Task.Delay(PollInterval);
        }
    }

    /// <summary>The first progress <paramref name="shows"/> accepts; throws after <paramref name="timeout"/> (default 30 s).</summary>
    public static async Task<AuditProgress> ProgressAsync(DurableTaskClient client, string instanceId, Func<AuditProgress, bool> shows, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(shows);
        var giveUpAt = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        AuditProgress? last = null;
        while (DateTime.UtcNow < giveUpAt)
        {
            var instance = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: true);
            last = instance?.ReadCustomStatusAs<AuditProgress>() ?? last;
            if (last is not null && shows(last))
            {
                return last;
            }

            await Task.Delay(PollInterval);
        }

        throw new TimeoutException($"Audit {instanceId} never showed the expected progress; last: {last}.");
    }
}

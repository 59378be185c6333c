using Meridian.Core.Orchestration;
using Microsoft.DurableTask.Client;

namespace Meridian.Testing.Orchestration;

/// <summary>Waits for a running orchestration to show something, polling its status as an API client would.</summary>
public static class Eventually
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

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

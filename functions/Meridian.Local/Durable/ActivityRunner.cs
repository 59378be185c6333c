using System.Collections.Concurrent;
using Meridian.Core.Durable;
using Microsoft.Extensions.Logging;

namespace Meridian.Local.Durable;

/// <summary>
/// Runs the activities orchestrations call, as the Durable engine does: the input is serialized in
/// the orchestration, each attempt runs apart from orchestration code with its own service scope,
/// failed attempts are retried after the policy's delays on the host's clock, and the last failure
/// reaches the orchestration as an <see cref="ActivityFailedException"/>.
/// </summary>
internal sealed class ActivityRunner(
    ConcurrentDictionary<string, ActivityRegistration> activities,
    IServiceProvider services,
    TimeProvider clock,
    ILogger logger)
{
    public async Task<TResult> CallAsync<TResult>(
        string instanceId, string name, object? input, ActivityRetryPolicy? retry, CancellationToken stopping)
    {
        // Serialized where Durable serializes it, when the orchestration schedules the call: an input that
        // cannot be serialized fails the orchestration there, and the activity never runs.
        var inputJson = DurablePayload.Serialize(input);

        // Durable does not retry a call to an activity that does not exist: nothing could change on retry.
        if (!activities.TryGetValue(name, out var activity))
        {
            throw new ActivityFailedException(name, $"No activity named '{name}' is registered with the local host.");
        }

        var outputJson = await RunWithRetriesAsync(instanceId, name, activity, inputJson, retry, stopping).ConfigureAwait(false);

        // Read on the orchestration's side, as Durable does: an output that does not read back fails the orchestration.
        return DurablePayload.Deserialize<TResult>(outputJson)!;
    }

    private async Task<string?> RunWithRetriesAsync(
        string instanceId,
        string name,
        ActivityRegistration activity,
        string? inputJson,
        ActivityRetryPolicy? retry,
        CancellationToken stopping)
    {
        var maxAttempts = Math.Max(1, retry?.MaxNumberOfAttempts ?? 1);
        for (var attempt = 1; ; attempt++)
        {
            stopping.ThrowIfCancellationRequested();
            try
            {
                // On the thread pool, like an activity on its own worker: its awaits never queue behind orchestration code.
                return await Task.Run(() => activity.RunAsync(services, inputJson, stopping), stopping).ConfigureAwait(false);
            }
            catch (Exception failure) when (!stopping.IsCancellationRequested)
            {
                if (attempt >= maxAttempts)
                {
                    throw new ActivityFailedException(name, failure.Message, failure);
                }

                var delay = retry!.DelayBeforeAttempt(attempt + 1);
                delay = delay > TimeSpan.Zero ? delay : TimeSpan.Zero;
                LocalOrchestrationLog.ActivityRetrying(logger, instanceId, name, attempt, maxAttempts, delay, failure.Message);
                await Task.Delay(delay, clock, stopping).ConfigureAwait(false);
            }
        }
    }
}

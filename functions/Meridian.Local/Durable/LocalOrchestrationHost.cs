using System.Collections.Concurrent;
using Meridian.Core.Durable;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Meridian.Local.Durable;

/// <summary>
/// Runs orchestrations in-process for the local host, with the semantics the Durable engine gives
/// them in Azure (instance ids, buffered events, JSON payloads, retries, timers, custom status) but
/// live: no history, no replay, nothing kept across restarts. The same orchestration code runs here
/// and in the Functions app, against the same port; the HTTP handlers and the CLI use it as their
/// <see cref="IOrchestrationClient"/>.
/// </summary>
public sealed class LocalOrchestrationHost : IOrchestrationClient, IAsyncDisposable
{
    /// <summary>
    /// How long disposing waits for cancelled instances to wind down, in real time (the host's clock
    /// may be a test's fake one that never moves on its own).
    /// </summary>
    public static readonly TimeSpan ShutdownGrace = TimeSpan.FromSeconds(5);

    private const string StoppedReason = "The local host stopped before the orchestration finished.";

    private readonly ConcurrentDictionary<string, OrchestratorRegistration> orchestrators = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, ActivityRegistration> activities = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, HostedInstance> instances = new(StringComparer.Ordinal);
    private readonly Lock gate = new();
    private readonly CancellationTokenSource stopping = new();
    private readonly TimeProvider clock;
    private readonly ILogger logger;
    private readonly ActivityRunner activityRunner;
    private bool disposed;

    /// <param name="services">Where activities are resolved from, in a new scope for every invocation.</param>
    /// <param name="timeProvider">The clock of <see cref="IOrchestrationContext.CurrentUtcDateTime"/>, of timers and of retry delays.</param>
    public LocalOrchestrationHost(IServiceProvider services, TimeProvider timeProvider, ILogger<LocalOrchestrationHost>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(timeProvider);
        clock = timeProvider;
        this.logger = logger ?? NullLogger<LocalOrchestrationHost>.Instance;
        activityRunner = new ActivityRunner(activities, services, clock, this.logger);
    }

    /// <summary>Registers an orchestrator under the name it is started by (case-insensitive, like function names).</summary>
    /// <exception cref="ArgumentException">An orchestrator with that name is already registered.</exception>
    public LocalOrchestrationHost AddOrchestrator<TInput, TOutput>(
        string name, Func<IOrchestrationContext, TInput, Task<TOutput>> orchestrator)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(orchestrator);
        if (!orchestrators.TryAdd(name, new OrchestratorRegistration<TInput, TOutput>(name, orchestrator)))
        {
            throw new ArgumentException($"An orchestrator named '{name}' is already registered.", nameof(name));
        }

        return this;
    }

    /// <summary>
    /// Registers an activity under the name orchestrations call it by (case-insensitive). For every
    /// invocation <paramref name="resolve"/> is handed a new service scope and returns the function to
    /// run, e.g. <c>services =&gt; services.GetRequiredService&lt;StoreAuditReportActivity&gt;().RunAsync</c>.
    /// </summary>
    /// <exception cref="ArgumentException">An activity with that name is already registered.</exception>
    public LocalOrchestrationHost AddActivity<TInput, TOutput>(
        string name, Func<IServiceProvider, Func<TInput, CancellationToken, Task<TOutput>>> resolve)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(resolve);
        if (!activities.TryAdd(name, new ActivityRegistration<TInput, TOutput>(name, resolve)))
        {
            throw new ArgumentException($"An activity named '{name}' is already registered.", nameof(name));
        }

        return this;
    }

    /// <summary>Registers an activity that needs nothing from the container.</summary>
    public LocalOrchestrationHost AddActivity<TInput, TOutput>(string name, Func<TInput, CancellationToken, Task<TOutput>> run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return AddActivity<TInput, TOutput>(name, _ => run);
    }

    /// <summary>
    /// Starts the orchestration on a background task and returns its instance id at once. The input is
    /// serialized now, as the Durable client does. An instance with that id that has finished is replaced.
    /// </summary>
    /// <exception cref="ArgumentException">No orchestrator is registered under <paramref name="orchestratorName"/>.</exception>
    /// <exception cref="OrchestrationAlreadyExistsException">An instance with that id is still running.</exception>
    public Task<string> ScheduleNewOrchestrationInstanceAsync(
        string orchestratorName, object? input, string instanceId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(orchestratorName);
        ArgumentException.ThrowIfNullOrWhiteSpace(instanceId);
        cancellationToken.ThrowIfCancellationRequested();
        if (!orchestrators.TryGetValue(orchestratorName, out var orchestrator))
        {
            throw new ArgumentException($"No orchestrator named '{orchestratorName}' is registered with the local host.", nameof(orchestratorName));
        }

        var inputJson = DurablePayload.Serialize(input);
        HostedInstance hosted;
        lock (gate)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            if (instances.TryGetValue(instanceId, out var existing) && !existing.State.IsFinished)
            {
                throw new OrchestrationAlreadyExistsException(instanceId);
            }

            hosted = HostedInstance.Create(instanceId, activityRunner, clock, stopping.Token);
            instances[instanceId] = hosted;
        }

        LocalOrchestrationLog.Started(logger, orchestrator.Name, instanceId);
        _ = Task.Run(() => RunAsync(hosted, orchestrator, inputJson), CancellationToken.None);
        return Task.FromResult(instanceId);
    }

    /// <summary>
    /// Delivers the event to a running instance (buffered until it waits for it). An event for an
    /// instance that does not exist or has finished is dropped without an error, as Durable does.
    /// </summary>
    public Task RaiseEventAsync(string instanceId, string eventName, object? eventPayload, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(eventName);
        cancellationToken.ThrowIfCancellationRequested();

        // The client serializes the payload before anyone knows whether it will be read.
        var payloadJson = DurablePayload.Serialize(eventPayload);
        var hosted = Find(instanceId);
        if (hosted is null || hosted.State.IsFinished)
        {
            LocalOrchestrationLog.EventDropped(logger, eventName, instanceId);
            return Task.CompletedTask;
        }

        hosted.Context.Inbox.Deliver(eventName, payloadJson);
        return Task.CompletedTask;
    }

    /// <summary>The instance's status, custom status, output or failure; null when there is no such instance.</summary>
    public Task<OrchestrationInstance?> GetInstanceAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Find(instanceId)?.State.Snapshot());
    }

    /// <summary>
    /// Waits until the instance has finished (completed, failed, or terminated by the host stopping)
    /// and returns its final state; null when there is no such instance.
    /// </summary>
    public async Task<OrchestrationInstance?> WaitForCompletionAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        var hosted = Find(instanceId);
        if (hosted is null)
        {
            return null;
        }

        await hosted.State.Finished.WaitAsync(cancellationToken).ConfigureAwait(false);
        return hosted.State.Snapshot();
    }

    /// <summary>
    /// Cancels every running instance (their timers, event waits, retry delays and activities) and
    /// waits up to <see cref="ShutdownGrace"/> for them to end; they end Terminated.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        Task[] running;
        lock (gate)
        {
            if (disposed)
            {
                return;
            }

            disposed = true;
            running = [.. instances.Values.Where(hosted => !hosted.State.IsFinished).Select(hosted => hosted.State.Finished)];
        }

        await stopping.CancelAsync().ConfigureAwait(false);
        try
        {
            await Task.WhenAll(running).WaitAsync(ShutdownGrace).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            LocalOrchestrationLog.ShutdownTimedOut(logger, running.Count(task => !task.IsCompleted), ShutdownGrace);
        }

        stopping.Dispose();
    }

    private HostedInstance? Find(string instanceId)
    {
        lock (gate)
        {
            return instances.GetValueOrDefault(instanceId);
        }
    }

    private async Task RunAsync(HostedInstance hosted, OrchestratorRegistration orchestrator, string? inputJson)
    {
        try
        {
            var outputJson = await StartOnOwnScheduler(orchestrator, hosted.Context, inputJson).ConfigureAwait(false);
            await hosted.Context.Timers.WaitForOutstandingAsync().ConfigureAwait(false);
            hosted.State.Complete(outputJson);
            LocalOrchestrationLog.Completed(logger, hosted.State.InstanceId);
        }
        catch (Exception) when (hosted.Stopping.IsCancellationRequested)
        {
            hosted.State.Terminate(StoppedReason);
            LocalOrchestrationLog.Terminated(logger, hosted.State.InstanceId);
        }
        catch (Exception failure)
        {
            // Durable's failure details carry the exception's message; so does the instance here.
            hosted.State.Fail(failure.Message);
            LocalOrchestrationLog.Failed(logger, failure, hosted.State.InstanceId, failure.Message);
        }
        finally
        {
            hosted.Stopping.Dispose();
        }
    }

    /// <summary>
    /// Durable runs an orchestration's code one step at a time, never two continuations at once. An
    /// exclusive scheduler per instance gives the same guarantee: the orchestration's awaits resume on
    /// it, so state shared between its concurrent branches (the audit's region trackers, its warnings)
    /// needs no locks, whichever thread completed the task it awaited.
    /// </summary>
    private static Task<string?> StartOnOwnScheduler(OrchestratorRegistration orchestrator, LocalOrchestrationContext context, string? inputJson)
    {
        var scheduler = new ConcurrentExclusiveSchedulerPair().ExclusiveScheduler;
        return Task.Factory.StartNew(
                () => orchestrator.RunAsync(context, inputJson),
                CancellationToken.None,
                TaskCreationOptions.DenyChildAttach,
                scheduler)
            .Unwrap();
    }

    /// <summary>One instance in the host: its status, its context, and what stops it (the host stopping).</summary>
    private sealed record HostedInstance(LocalInstance State, LocalOrchestrationContext Context, CancellationTokenSource Stopping)
    {
        public static HostedInstance Create(
            string instanceId, ActivityRunner activities, TimeProvider clock, CancellationToken hostStopping)
        {
            var state = new LocalInstance(instanceId, clock);
            var stopping = CancellationTokenSource.CreateLinkedTokenSource(hostStopping);
            return new HostedInstance(state, new LocalOrchestrationContext(state, activities, clock, stopping.Token), stopping);
        }
    }
}

using DurableTask.AzureStorage;
using DurableTask.Core;
using Meridian.Core.Serialization;
using Microsoft.DurableTask.Worker;
using Microsoft.DurableTask.Worker.Hosting;
using Microsoft.DurableTask.Worker.Shims;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Meridian.Local.TaskHub;

/// <summary>
/// The local host's Durable worker: DurableTask.Core's <see cref="TaskHubWorker"/> (the engine under
/// Durable Functions) on the Azure Storage task hub, running the task classes registered with
/// <c>AddDurableTaskWorker(b =&gt; b.AddTasks(…))</c> through durabletask-dotnet's shims. Built by that
/// builder (<c>UseBuildTarget</c>), which hands it the registry as an <see cref="IDurableTaskFactory"/>.
/// </summary>
public sealed class TaskHubWorkerService : DurableTaskWorker
{
    private readonly AzureStorageOrchestrationService taskHub;
    private readonly TaskHubWorker worker;

    public TaskHubWorkerService(
        string? name, IDurableTaskFactory factory, AzureStorageOrchestrationService taskHub, IServiceProvider services, ILoggerFactory loggerFactory)
        : base(name, factory)
    {
        this.taskHub = taskHub;
        var shims = new DurableTaskShimFactory(new DurableTaskWorkerOptions { DataConverter = MeridianDataConverter.Instance }, loggerFactory);
        worker = new TaskHubWorker(
            taskHub,
            new RegistryTaskManagers.Orchestrations(factory, shims, services),
            new RegistryTaskManagers.Activities(factory, shims, services.GetRequiredService<IServiceScopeFactory>()),
            loggerFactory)
        {
            // The shims read failures as FailureDetails (type, message, stack), as durabletask-dotnet's workers do.
            ErrorPropagationMode = ErrorPropagationMode.UseFailureDetails,
        };
    }

    /// <summary>Creates the task hub's queues, tables and containers if they are new, then starts dispatching.</summary>
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await taskHub.CreateIfNotExistsAsync();
        await worker.StartAsync();
        await base.StartAsync(cancellationToken);
    }

    /// <summary>Lets running work items finish (bounded by the host's shutdown timeout), then releases the partition leases.</summary>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await worker.StopAsync(isForced: cancellationToken.IsCancellationRequested);
    }

    public override void Dispose()
    {
        worker.Dispose();
        base.Dispose();
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.CompletedTask;
}

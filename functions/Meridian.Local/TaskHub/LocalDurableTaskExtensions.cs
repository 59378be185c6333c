using DurableTask.AzureStorage;
using DurableTask.Core;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Meridian.Local.TaskHub;

public static class LocalDurableTaskExtensions
{
    /// <summary>
    /// Registers the real Durable engine on the Azure Storage task hub <paramref name="taskHubName"/> in the
    /// account of <paramref name="connectionString"/> (Azurite locally): a hosted worker running the tasks
    /// <paramref name="tasks"/> registers, and the <see cref="DurableTaskClient"/> the HTTP handlers, the
    /// monitor scheduler and the CLI use.
    /// </summary>
    public static IServiceCollection AddLocalDurableTask(
        this IServiceCollection services, string connectionString, string taskHubName, Action<DurableTaskRegistry> tasks)
    {
        services.AddSingleton(provider => LocalTaskHub.Create(connectionString, taskHubName, provider.GetRequiredService<ILoggerFactory>()));
        services.AddSingleton<IOrchestrationServiceClient>(provider => provider.GetRequiredService<AzureStorageOrchestrationService>());
        services.AddDurableTaskWorker(worker => worker.AddTasks(tasks).UseBuildTarget<TaskHubWorkerService>());
        services.AddDurableTaskClient(client => client.UseBuildTarget<TaskHubDurableTaskClient>().RegisterDirectly());
        return services;
    }
}

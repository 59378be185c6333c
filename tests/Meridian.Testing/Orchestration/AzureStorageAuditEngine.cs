using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using DurableTask.AzureStorage;
using Meridian.Local.Azurite;
using Meridian.Local.TaskHub;
using Meridian.Testing.Storage;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Meridian.Testing.Orchestration;

/// <summary>
/// The engine Durable Functions runs in Azure: DurableTask.Core with the Azure Storage backend, here
/// on an Azurite of its own, as the local host runs it (<see cref="LocalDurableTaskExtensions"/>).
/// Timers fire up to a second early on it, and it refuses a second start of a running instance id.
/// Its own log (DurableTask.Core, DurableTask.AzureStorage) goes to the file <c>MERIDIAN_TEST_ENGINE_LOG</c> names, if set.
/// </summary>
public class AzureStorageAuditEngine : AuditEngine
{
    private readonly HttpPipelinePolicy? tablePolicy;
    private AzuriteServer? storage;
    private IHost? host;

    public AzureStorageAuditEngine()
        : this(tablePolicy: null)
    {
    }

    /// <summary>An engine whose table requests (history, instances) go through <paramref name="tablePolicy"/> on their way to Azurite.</summary>
    protected AzureStorageAuditEngine(HttpPipelinePolicy? tablePolicy) => this.tablePolicy = tablePolicy;

    public override DurableTaskClient Client =>
        (host ?? throw new InvalidOperationException("Not started.")).Services.GetRequiredService<DurableTaskClient>();

    public override string Name => "Azure Storage";

    public AzuriteServer Storage => storage ?? throw new InvalidOperationException("Not started.");

    /// <summary>The task hub's name: its tables and queues in Azurite start with it.</summary>
    public string TaskHubName { get; } = $"Test{Guid.NewGuid():N}"[..20];

    public override async Task InitializeAsync()
    {
        storage = await AzuriteServer.StartAsync(AzuriteFixture.Options());
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        if (EngineFileLog.FromEnvironment(TaskHubName) is { } log)
        {
            // Its own rule: the in-memory engine sets Logging__LogLevel__Default (Warning) for the whole process.
            builder.Logging.AddProvider(log);
            builder.Logging.AddFilter<EngineFileLog>(null, LogLevel.Information);
        }

        builder.Services.AddLocalDurableTask(storage.ConnectionString, TaskHubName, RegisterTasks);
        if (tablePolicy is not null)
        {
            var tables = new TableClientOptions();
            tables.AddPolicy(tablePolicy, HttpPipelinePosition.PerCall);
            var clients = new StorageAccountClientProvider(
                StorageServiceClientProvider.ForBlob(storage.ConnectionString),
                StorageServiceClientProvider.ForQueue(storage.ConnectionString),
                StorageServiceClientProvider.ForTable(storage.ConnectionString, tables));

            // Registered last, so the worker and the client get this task hub rather than the one above.
            builder.Services.AddSingleton(provider => LocalTaskHub.Create(clients, TaskHubName, provider.GetRequiredService<ILoggerFactory>()));
        }

        host = builder.Build();
        await host.StartAsync();
    }

    public override async Task DisposeAsync()
    {
        if (host is not null)
        {
            await host.StopAsync();
            host.Dispose();
        }

        if (storage is not null)
        {
            await storage.DisposeAsync();
        }
    }
}

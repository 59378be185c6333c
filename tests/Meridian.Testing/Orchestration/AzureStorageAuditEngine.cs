using Meridian.Azurite;
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
/// </summary>
public sealed class AzureStorageAuditEngine : AuditEngine
{
    private AzuriteServer? storage;
    private IHost? host;

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
        builder.Services.AddLocalDurableTask(storage.ConnectionString, TaskHubName, RegisterTasks);
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

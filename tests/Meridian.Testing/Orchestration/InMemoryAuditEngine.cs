using Meridian.Core.Serialization;
using Meridian.Local.Processes;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.DependencyInjection;

namespace Meridian.Testing.Orchestration;

/// <summary>
/// Durable Task's in-memory engine (<see cref="DurableTaskTestHost"/>: the gRPC worker the Functions
/// app uses, real replay, real timers) with Meridian's data converter on both sides. Known limits of
/// its 0.2.3 preview: it runs as many activities at once as the machine has cores, and it accepts a
/// second start of a running instance id (the Azure Storage engine refuses it).
/// </summary>
public sealed class InMemoryAuditEngine : AuditEngine
{
    private const string SidecarLogLevel = "Logging__LogLevel__Default";

    private DurableTaskTestHost? host;

    public override DurableTaskClient Client => (host ?? throw new InvalidOperationException("Not started.")).Client;

    public override string Name => "in-memory";

    public override async Task InitializeAsync()
    {
        // Its sidecar host logs every gRPC call at Information, from configuration only (environment included).
        if (Environment.GetEnvironmentVariable(SidecarLogLevel) is null)
        {
            Environment.SetEnvironmentVariable(SidecarLogLevel, "Warning");
        }

        host = await DurableTaskTestHost.StartAsync(
            RegisterTasks,
            new DurableTaskTestHostOptions
            {
                // Its sidecar binds localhost; a free port rather than its random pick, which may be taken.
                Port = LoopbackPort.PickFree(),
                ConfigureServices = services =>
                {
                    services.Configure<DurableTaskWorkerOptions>(worker => worker.DataConverter = MeridianDataConverter.Instance);
                    services.Configure<DurableTaskClientOptions>(client => client.DataConverter = MeridianDataConverter.Instance);
                },
            });
    }

    public override async Task DisposeAsync()
    {
        if (host is not null)
        {
            await host.DisposeAsync();
        }
    }
}

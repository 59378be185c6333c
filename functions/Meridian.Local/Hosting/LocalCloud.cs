using System.Net;
using System.Security.Cryptography;
using Meridian.Azurite;
using Meridian.Core;
using Meridian.Core.Api;
using Meridian.Core.Fly;
using Meridian.Core.Storage;
using Meridian.FlyStandIn;
using Meridian.Core.Orchestration;
using Meridian.Local.TaskHub;
using Meridian.ProcessGroups;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Meridian.Local.Hosting;

/// <summary>
/// Meridian on one machine: Azurite for Blob Storage and the Durable task hub, the Fly stand-in running
/// the worker as a local process per region, the real Durable engine (DurableTask.Core on the Azure
/// Storage backend, as Durable Functions runs it), and the HTTP API on Kestrel at 127.0.0.1.
/// Everything is started here and stopped on dispose; nothing is left running.
/// </summary>
public sealed class LocalCloud : IAsyncDisposable
{
    public const string WorkerImage = "meridian-local/worker:dev";
    private const string FlyApp = "meridian-local";

    private readonly DataFolderLock dataLock;
    private readonly AzuriteServer storage;
    private readonly FlyStandInServer fly;
    private readonly WebApplication app;

    private LocalCloud(DataFolderLock dataLock, AzuriteServer storage, FlyStandInServer fly, WebApplication app, Uri baseUrl)
    {
        this.dataLock = dataLock;
        this.storage = storage;
        this.fly = fly;
        this.app = app;
        BaseUrl = baseUrl;
    }

    /// <summary>The API's root, e.g. <c>http://127.0.0.1:7071/</c>.</summary>
    public Uri BaseUrl { get; }

    public IServiceProvider Services => app.Services;

    public AzuriteServer Storage => storage;

    public FlyStandInServer Fly => fly;

    /// <param name="step">Told about each start-up step, for a progress line.</param>
    /// <exception cref="DataFolderInUseException">Another host is running on the same data folder.</exception>
    public static async Task<LocalCloud> StartAsync(LocalCloudOptions options, Action<string>? step = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var dataLock = DataFolderLock.TryAcquire(options.DataDirectory) ?? throw new DataFolderInUseException(options.DataDirectory);
        AzuriteServer? storage = null;
        FlyStandInServer? fly = null;
        try
        {
            step?.Invoke("Starting Azurite (Blob, Queue and Table Storage)");
            storage = await AzuriteServer.StartAsync(
                new AzuriteServerOptions { NodeModulesDirectory = options.NodeModulesDirectory, DataDirectory = Path.Combine(options.DataDirectory, "azurite") },
                cancellationToken);
            await MeridianBlobContainers.EnsureCreatedAsync(storage.CreateBlobServiceClient(), cancellationToken);

            step?.Invoke("Starting the Fly Machines stand-in");
            var flyToken = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
            fly = await FlyStandInServer.StartAsync(
                new FlyStandInOptions
                {
                    ApiToken = flyToken,
                    AppName = FlyApp,
                    Images = new Dictionary<string, ImageCommand>(StringComparer.Ordinal) { [WorkerImage] = options.WorkerCommand ?? LocalWorker.Command(options.AllowPrivateTargets) },
                    RegionFaults = options.RegionFaults,
                    RateLimitsEnabled = options.FlyRateLimits,

                    // Machines a killed host left running die with it, as a VM's with its hypervisor: the next start kills them.
                    StateDirectory = Path.Combine(options.DataDirectory, "fly-machines"),
                },
                cancellationToken);

            step?.Invoke("Starting the Durable engine and the API");
            var port = options.Port == 0 ? LoopbackPort.PickFree() : options.Port;
            var baseUrl = new Uri($"http://127.0.0.1:{port}/");
            var app = BuildApp(options, storage, fly, flyToken, baseUrl);
            await app.StartAsync(cancellationToken);
            return new LocalCloud(dataLock, storage, fly, app, baseUrl);
        }
        catch
        {
            if (fly is not null)
            {
                await fly.DisposeAsync();
            }

            if (storage is not null)
            {
                await storage.DisposeAsync();
            }

            dataLock.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        // The engine first (it stops dispatching orchestrations and activities), then the machines, then storage.
        await app.StopAsync();
        await app.DisposeAsync();
        await fly.DisposeAsync();
        await storage.DisposeAsync();
        dataLock.Dispose();
    }

    private static WebApplication BuildApp(LocalCloudOptions options, AzuriteServer storage, FlyStandInServer fly, string flyToken, Uri baseUrl)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders().AddConsole().SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, baseUrl.Port));
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Meridian:CallbackBaseUrl"] = baseUrl.AbsoluteUri,

            // Kept with the data: monitors' webhook secrets are derived from it and must survive a restart.
            ["Meridian:CallbackSigningKey"] = LocalSigningKey.LoadOrCreate(options.DataDirectory),
            ["Meridian:AllowPrivateTargets"] = options.AllowPrivateTargets ? "true" : "false",
            ["Fly:ApiBaseUrl"] = fly.ApiBaseUrl.AbsoluteUri,
            ["Fly:AppName"] = FlyApp,
            ["Fly:WorkerImage"] = WorkerImage,
            ["Fly:ApiToken"] = flyToken,
        });

        builder.Services.AddSingleton<IHostLifetime, CommandOwnedLifetime>();
        builder.Services.AddMeridianCore(builder.Configuration);
        builder.Services.AddMeridianBlobStorage(_ => storage.CreateBlobServiceClient());
        builder.Services.AddFlyMachines(builder.Configuration);
        builder.Services.AddLocalDurableTask(storage.ConnectionString, options.TaskHubName, tasks => tasks.AddAuditTasks());
        if (options.RunMonitors)
        {
            builder.Services.AddHostedService<MonitorSchedulerService>();
        }

        var app = builder.Build();
        options.ConfigureApp?.Invoke(app);
        app.MapMeridianApi();
        app.MapReportPages();
        app.MapDemoPage();
        return app;
    }
}

using System.Security.Cryptography;
using Meridian.Azurite;
using Meridian.Core.Storage;
using Meridian.FlyStandIn;
using Meridian.Local.Hosting;
using Meridian.ProcessGroups;

namespace Meridian.Local.FunctionsHost;

/// <summary>
/// The Functions app itself on an Azure Functions host, with what Azure would give it replaced by
/// local stand-ins: Azurite as its storage account (blobs, the Durable task hub, timer locks, keys'
/// host id) and the Fly stand-in running the real worker. Started here, stopped on dispose.
/// </summary>
public sealed class FunctionsCloud : IAsyncDisposable
{
    public const string WorkerImage = LocalCloud.WorkerImage;
    public const string TaskHubName = "MeridianFunctions";
    public const string FlyApp = "meridian-functions";

    private readonly DataFolderLock dataLock;

    private FunctionsCloud(DataFolderLock dataLock, AzuriteServer storage, FlyStandInServer fly, string flyApiToken, FunctionsHostProcess host)
    {
        this.dataLock = dataLock;
        FlyApiToken = flyApiToken;
        Storage = storage;
        Fly = fly;
        Host = host;
    }

    /// <summary>The host's root, e.g. <c>http://127.0.0.1:7071/</c>.</summary>
    public Uri BaseUrl => Host.BaseUrl;

    public AzuriteServer Storage { get; }

    public FlyStandInServer Fly { get; }

    /// <summary>The stand-in's token for this run (the app's Fly__ApiToken), for a caller that drives the stand-in itself.</summary>
    public string FlyApiToken { get; }

    public FunctionsHostProcess Host { get; }

    /// <param name="step">Told about each start-up step, for a progress line.</param>
    /// <exception cref="DataFolderInUseException">Another host is running on the same data folder.</exception>
    /// <exception cref="FunctionsHostStartException">The app is not built, or the host did not get it running.</exception>
    public static async Task<FunctionsCloud> StartAsync(FunctionsCloudOptions options, Action<string>? step = null, CancellationToken cancellationToken = default)
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
                    StateDirectory = Path.Combine(options.DataDirectory, "fly-machines"),
                },
                cancellationToken);

            step?.Invoke($"Starting the Functions host ({options.EnvironmentName})");
            var port = options.Port == 0 ? LoopbackPort.PickFree() : options.Port;
            var app = Path.Combine(options.DataDirectory, "app");
            FunctionsAppFolder.Prepare(options.AppBuildOutput, app, Settings(options, storage, fly, flyToken, port));
            var host = await FunctionsHostProcess.StartAsync(options.Host, app, options.EnvironmentName, options.StartTimeout, port, options.OnHostLine, cancellationToken);
            return new FunctionsCloud(dataLock, storage, fly, flyToken, host);
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
        // The host first (it stops the engine and the timers), then the machines, then storage.
        await Host.DisposeAsync();
        await Fly.DisposeAsync();
        await Storage.DisposeAsync();
        dataLock.Dispose();
    }

    /// <summary>local.settings.json's values: the sample's names, pointed at the stand-ins; the caller's settings win.</summary>
    private static Dictionary<string, string> Settings(FunctionsCloudOptions options, AzuriteServer storage, FlyStandInServer fly, string flyToken, int port)
    {
        var settings = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["AzureWebJobsStorage"] = storage.ConnectionString,
            ["FUNCTIONS_WORKER_RUNTIME"] = "dotnet-isolated",
            ["TASKHUB_NAME"] = TaskHubName,
            ["Meridian__CallbackBaseUrl"] = $"http://127.0.0.1:{port}/",
            ["Meridian__CallbackSigningKey"] = LocalSigningKey.LoadOrCreate(options.DataDirectory),
            ["Meridian__AllowPrivateTargets"] = options.AllowPrivateTargets ? "true" : "false",
            ["Storage__ConnectionString"] = storage.ConnectionString,
            ["Fly__ApiBaseUrl"] = fly.ApiBaseUrl.AbsoluteUri,
            ["Fly__AppName"] = FlyApp,
            ["Fly__WorkerImage"] = WorkerImage,
            ["Fly__ApiToken"] = flyToken,
        };
        foreach (var (name, value) in options.Settings)
        {
            settings[name] = value;
        }

        return settings;
    }
}

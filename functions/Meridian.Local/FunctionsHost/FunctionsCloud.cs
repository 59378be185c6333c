using Meridian.Local.Azurite;
using Meridian.Local.FlyStandIn;
using Meridian.Local.Hosting;
using Meridian.Local.Processes;

namespace Meridian.Local.FunctionsHost;

/// <summary>
/// The Functions app itself on an Azure Functions host, with what Azure would give it replaced by
/// local stand-ins: Azurite as its storage account (blobs, the Durable task hub, timer locks) and the
/// Fly stand-in running the real worker. Started here, stopped on dispose.
/// </summary>
public sealed class FunctionsCloud : IAsyncDisposable
{
    public const string WorkerImage = LocalStandIns.WorkerImage;
    public const string TaskHubName = "MeridianFunctions";
    public const string FlyApp = "meridian-functions";

    private readonly LocalStandIns standIns;

    private FunctionsCloud(LocalStandIns standIns, FunctionsHostProcess host)
    {
        this.standIns = standIns;
        Host = host;
    }

    /// <summary>The host's root, e.g. <c>http://127.0.0.1:7071/</c>.</summary>
    public Uri BaseUrl => Host.BaseUrl;

    public AzuriteServer Storage => standIns.Storage;

    public FlyStandInServer Fly => standIns.Fly;

    /// <summary>The stand-in's token for this run (the app's Fly__ApiToken), for a caller that drives the stand-in itself.</summary>
    public string FlyApiToken => standIns.FlyApiToken;

    public FunctionsHostProcess Host { get; }

    /// <param name="step">Told about each start-up step, for a progress line.</param>
    /// <exception cref="DataFolderInUseException">Another host is running on the same data folder.</exception>
    /// <exception cref="FunctionsHostStartException">The app is not built, or the host did not get it running.</exception>
    public static async Task<FunctionsCloud> StartAsync(FunctionsCloudOptions options, Action<string>? step = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var standIns = await LocalStandIns.StartAsync(
            new LocalStandInsOptions(options.DataDirectory, options.NodeModulesDirectory, FlyApp, options.WorkerCommand ?? LocalWorker.Command(options.AllowPrivateTargets))
            {
                RegionFaults = options.RegionFaults,
            },
            step,
            cancellationToken);
        try
        {
            step?.Invoke($"Starting the Functions host ({options.EnvironmentName})");
            var port = options.Port == 0 ? LoopbackPort.PickFree() : options.Port;
            var app = Path.Combine(options.DataDirectory, "app");
            FunctionsAppFolder.Prepare(options.AppBuildOutput, app, Settings(options, standIns, port));
            var host = await FunctionsHostProcess.StartAsync(options.Host, app, options.EnvironmentName, options.StartTimeout, port, options.OnHostLine, cancellationToken);
            return new FunctionsCloud(standIns, host);
        }
        catch
        {
            await standIns.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        // The host first (it stops the engine and the timers), then the machines and storage.
        await Host.DisposeAsync();
        await standIns.DisposeAsync();
    }

    /// <summary>local.settings.json's values: the sample's names, pointed at the stand-ins; the caller's settings win.</summary>
    private static Dictionary<string, string> Settings(FunctionsCloudOptions options, LocalStandIns standIns, int port)
    {
        var settings = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["AzureWebJobsStorage"] = standIns.Storage.ConnectionString,
            ["FUNCTIONS_WORKER_RUNTIME"] = "dotnet-isolated",
            ["TASKHUB_NAME"] = TaskHubName,
            ["Meridian__CallbackBaseUrl"] = $"http://127.0.0.1:{port}/",

            // Kept with the data: monitors' webhook secrets are derived from it and must survive a restart.
            ["Meridian__CallbackSigningKey"] = LocalSigningKey.LoadOrCreate(options.DataDirectory),
            ["Meridian__AllowPrivateTargets"] = options.AllowPrivateTargets ? "true" : "false",
            ["Storage__ConnectionString"] = standIns.Storage.ConnectionString,
            ["Fly__ApiBaseUrl"] = standIns.Fly.ApiBaseUrl.AbsoluteUri,
            ["Fly__AppName"] = FlyApp,
            ["Fly__WorkerImage"] = WorkerImage,
            ["Fly__ApiToken"] = standIns.FlyApiToken,
        };
        foreach (var (name, value) in options.Settings)
        {
            settings[name] = value;
        }

        return settings;
    }
}

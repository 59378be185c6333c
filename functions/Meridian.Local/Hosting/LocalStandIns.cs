using System.Security.Cryptography;
using Meridian.Local.Azurite;
using Meridian.Core.Storage;
using Meridian.Local.FlyStandIn;
using Meridian.Local.FlyStandIn.Faults;

namespace Meridian.Local.Hosting;

/// <summary>How to start the stand-ins for Azure Storage and Fly.</summary>
/// <param name="DataDirectory">Held with an OS lock while they run: Azurite's data and the stand-in's machine records live there.</param>
/// <param name="NodeModulesDirectory">The folder holding <c>node_modules</c> (azurite): the repository's <c>worker/</c>.</param>
/// <param name="FlyAppName">The Fly app the stand-in serves.</param>
/// <param name="WorkerCommand">What a machine of <see cref="LocalStandIns.WorkerImage"/> runs.</param>
public sealed record LocalStandInsOptions(string DataDirectory, string NodeModulesDirectory, string FlyAppName, ImageCommand WorkerCommand)
{
    /// <summary>Faults the stand-in injects per region.</summary>
    public IDictionary<string, RegionFault> RegionFaults { get; init; } = new Dictionary<string, RegionFault>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Whether the stand-in enforces Fly's rate limits (on, as in production).</summary>
    public bool FlyRateLimits { get; init; } = true;

    /// <summary>How many times faster than Fly's the stand-in's limits refill (<see cref="LocalCloudOptions.FlyRateSpeedup"/>).</summary>
    public int FlyRateSpeedup { get; init; } = 1;
}

/// <summary>
/// What Azure and Fly give Meridian, on this machine: Azurite with Meridian's blob containers, and the
/// Fly stand-in running the worker image as local processes. Both hosts (the local one and the Functions
/// app on a Functions host) run on these. Stopped on dispose, the machines first.
/// </summary>
public sealed class LocalStandIns : IAsyncDisposable
{
    public const string WorkerImage = "meridian-local/worker:dev";

    private readonly DataFolderLock dataLock;

    private LocalStandIns(DataFolderLock dataLock, AzuriteServer storage, FlyStandInServer fly, string flyAppName, string flyApiToken)
    {
        this.dataLock = dataLock;
        Storage = storage;
        Fly = fly;
        FlyAppName = flyAppName;
        FlyApiToken = flyApiToken;
    }

    public AzuriteServer Storage { get; }

    public FlyStandInServer Fly { get; }

    public string FlyAppName { get; }

    /// <summary>The stand-in's token for this run, made afresh at each start.</summary>
    public string FlyApiToken { get; }

    /// <param name="step">Told about each start-up step, for a progress line.</param>
    /// <exception cref="DataFolderInUseException">Another host is running on the same data folder.</exception>
    public static async Task<LocalStandIns> StartAsync(LocalStandInsOptions options, Action<string>? step = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var dataLock = DataFolderLock.TryAcquire(options.DataDirectory) ?? throw new DataFolderInUseException(options.DataDirectory);
        AzuriteServer? storage = null;
        try
        {
            step?.Invoke("Starting Azurite (Blob, Queue and Table Storage)");
            storage = await AzuriteServer.StartAsync(
                new AzuriteServerOptions { NodeModulesDirectory = options.NodeModulesDirectory, DataDirectory = Path.Combine(options.DataDirectory, "azurite") },
                cancellationToken);
            await MeridianBlobContainers.EnsureCreatedAsync(storage.CreateBlobServiceClient(), cancellationToken);

            step?.Invoke("Starting the Fly Machines stand-in");
            var flyToken = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
            var fly = await FlyStandInServer.StartAsync(
                new FlyStandInOptions
                {
                    ApiToken = flyToken,
                    AppName = options.FlyAppName,
                    Images = new Dictionary<string, ImageCommand>(StringComparer.Ordinal) { [WorkerImage] = options.WorkerCommand },
                    RegionFaults = options.RegionFaults,
                    RateLimitsEnabled = options.FlyRateLimits,
                    ActionRateLimit = RateLimit.PerAction with { PerSecond = RateLimit.PerAction.PerSecond * options.FlyRateSpeedup },
                    ReadRateLimit = RateLimit.Reads with { PerSecond = RateLimit.Reads.PerSecond * options.FlyRateSpeedup },

                    // Machines a killed host left running die with it, as a VM's with its hypervisor: the next start kills them.
                    StateDirectory = Path.Combine(options.DataDirectory, "fly-machines"),
                },
                cancellationToken);
            return new LocalStandIns(dataLock, storage, fly, options.FlyAppName, flyToken);
        }
        catch
        {
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
        await Fly.DisposeAsync();
        await Storage.DisposeAsync();
        dataLock.Dispose();
    }
}

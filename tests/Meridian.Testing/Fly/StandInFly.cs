using Meridian.Core.Machines.Fly;
using Meridian.Local.FlyStandIn;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Meridian.Testing.Fly;

/// <summary>
/// The production Fly client (<see cref="FlyServiceCollectionExtensions.AddFlyMachines"/>) talking over
/// HTTP to a local stand-in it starts: only the base URL differs from production.
/// </summary>
public sealed class StandInFly : IAsyncDisposable
{
    public const string Token = "stand-in-token-5d1e";
    public const string App = "meridian-workers";
    public const string WorkerImage = "registry.fly.io/meridian-workers:test";

    private readonly ServiceProvider services;
    private readonly IDictionary<string, string?>? settings;

    private StandInFly(FlyStandInServer server, IDictionary<string, string?>? settings, Action<IServiceCollection>? services)
    {
        Server = server;
        this.settings = settings;
        this.services = ClientServices(server, settings, services);
    }

    public FlyStandInServer Server { get; }

    public IServiceProvider Services => services;

    public FlyRegionMachines Machines => services.GetRequiredService<FlyRegionMachines>();

    /// <param name="worker">What the worker image runs locally.</param>
    /// <param name="rateLimits">Whether the stand-in enforces Fly's rate limits.</param>
    /// <param name="autoDestroyDelay">How long an exited machine stays readable before it is destroyed.</param>
    /// <param name="bootDelay">How long a machine stays "created" before its process starts.</param>
    /// <param name="settings">Changes to the client's "Fly" settings.</param>
    /// <param name="services">More services for the client's container (e.g. an orchestration client).</param>
    /// <param name="actionRateLimit">The stand-in's limit for create, start, stop, wait, delete and list; Fly's by default.</param>
    /// <param name="foreignMachines">Machines of the app Meridian did not make, as Fly's JSON (<see cref="FlyShapes"/>).</param>
    public static async Task<StandInFly> StartAsync(
        ImageCommand worker,
        bool rateLimits = true,
        TimeSpan? autoDestroyDelay = null,
        TimeSpan? bootDelay = null,
        IDictionary<string, string?>? settings = null,
        Action<IServiceCollection>? services = null,
        RateLimit? actionRateLimit = null,
        IReadOnlyList<string>? foreignMachines = null)
    {
        var server = await FlyStandInServer.StartAsync(new FlyStandInOptions
        {
            ApiToken = Token,
            AppName = App,
            Images = new Dictionary<string, ImageCommand>(StringComparer.Ordinal) { [WorkerImage] = worker },
            RateLimitsEnabled = rateLimits,
            ActionRateLimit = actionRateLimit ?? RateLimit.PerAction,
            ForeignMachines = foreignMachines ?? [],
            AutoDestroyDelay = autoDestroyDelay ?? TimeSpan.FromMilliseconds(250),
            BootDelay = bootDelay ?? TimeSpan.FromMilliseconds(100),
        });

        return new StandInFly(server, settings, services);
    }

    /// <summary>
    /// Another app instance's client of the same stand-in, with the same settings: what shares Fly's
    /// limits with <see cref="Machines"/> is only what the two share through <paramref name="services"/>.
    /// </summary>
    public ServiceProvider AnotherInstance(Action<IServiceCollection>? services = null) => ClientServices(Server, settings, services);

    private static ServiceProvider ClientServices(FlyStandInServer server, IDictionary<string, string?>? settings, Action<IServiceCollection>? services)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Fly:ApiBaseUrl"] = server.ApiBaseUrl.AbsoluteUri,
                ["Fly:AppName"] = App,
                ["Fly:WorkerImage"] = WorkerImage,
                ["Fly:ApiToken"] = Token,
                ["Fly:RetryBaseDelayMs"] = "100",
            })
            .AddInMemoryCollection(settings ?? new Dictionary<string, string?>())
            .Build();
        var collection = new ServiceCollection().AddLogging().AddFlyMachines(configuration);
        services?.Invoke(collection);
        return collection.BuildServiceProvider();
    }

    public async ValueTask DisposeAsync()
    {
        await services.DisposeAsync();
        await Server.DisposeAsync();
    }
}

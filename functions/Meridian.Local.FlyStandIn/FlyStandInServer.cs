using System.Net;
using Meridian.Local.FlyStandIn.Faults;
using Meridian.Local.FlyStandIn.Http;
using Meridian.Local.FlyStandIn.Machines;
using Meridian.Local.Processes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Meridian.Local.FlyStandIn;

/// <summary>
/// A local server speaking the Fly Machines API that runs each machine's image as a local process.
/// A library, not a program: tests and the local host start it in-process. Disposing it kills every
/// machine's process tree.
/// </summary>
public sealed class FlyStandInServer : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly MachineRegistry registry;
    private int disposed;

    private FlyStandInServer(WebApplication app, Uri apiBaseUrl)
    {
        this.app = app;
        ApiBaseUrl = apiBaseUrl;
        registry = app.Services.GetRequiredService<MachineRegistry>();
        Faults = app.Services.GetRequiredService<FaultPlan>();
    }

    /// <summary>The Machines API root, ending in a slash, e.g. <c>http://127.0.0.1:41234/v1/</c>.</summary>
    public Uri ApiBaseUrl { get; }

    /// <summary>The faults in force; change them at any time.</summary>
    public FaultPlan Faults { get; }

    /// <summary>Every machine created so far, destroyed ones included, with its captured output.</summary>
    public IReadOnlyList<MachineSnapshot> Machines => [.. registry.All().Select(machine => machine.Snapshot())];

    /// <summary>Requests answered 429 so far (storms and rate limits): what a client had to retry.</summary>
    public long RateLimitedResponses => app.Services.GetRequiredService<RequestGate>().RateLimitedResponses;

    /// <summary>When requests of one action arrived, refused ones included (the latest thousand).</summary>
    public IReadOnlyList<DateTimeOffset> ArrivalsOf(FlyAction action) => app.Services.GetRequiredService<RequestGate>().ArrivalsOf(action);

    /// <summary>The 429s answered to one action (creates, say).</summary>
    public long RateLimitedResponsesOf(FlyAction action) => app.Services.GetRequiredService<RequestGate>().RateLimitedResponsesOf(action);

    /// <summary>Foreign machines (<see cref="FlyStandInOptions.ForeignMachines"/>) that a client deleted.</summary>
    public int ForeignMachinesDeleted => app.Services.GetRequiredService<ForeignMachines>().Deleted;

    public MachineSnapshot? FindMachine(string machineId) =>
        registry.All().FirstOrDefault(machine => machine.Id == machineId)?.Snapshot();

    /// <exception cref="TimeoutException">A machine a killed stand-in left in <see cref="FlyStandInOptions.StateDirectory"/> outlived SIGKILL by seconds.</exception>
    public static async Task<FlyStandInServer> StartAsync(FlyStandInOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.ApiToken);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.AppName);
        if (options.StateDirectory is { } stateDirectory)
        {
            // Machines of a stand-in killed with SIGKILL: no API will ever stop them now.
            await new LeftoverProcessGroups(stateDirectory).KillAsync(TimeSpan.Zero, cancellationToken);
            // A folder that cannot be made fails the start, not a machine's boot.
            Directory.CreateDirectory(stateDirectory);
        }

        // The empty builder reads no configuration: a host's appsettings (Kestrel endpoints, URLs)
        // must not leak into the stand-in it embeds.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel => Listen(kestrel, options.ListenUrl));
        builder.Services.AddRoutingCore();
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(5));
        options.ConfigureLogging?.Invoke(builder.Logging);

        builder.Services
            .AddSingleton(options)
            .AddSingleton(TimeProvider.System)
            .AddSingleton(new FaultPlan(options.RegionFaults))
            .AddSingleton<MachineLauncher>()
            .AddSingleton<MachineRegistry>()
            .AddSingleton<ForeignMachines>()
            .AddSingleton<RateLimits>()
            .AddSingleton<RequestGate>()
            .AddSingleton<MachineJson>()
            .AddSingleton<BearerTokenCheck>();

        var app = builder.Build();
        var bearer = app.Services.GetRequiredService<BearerTokenCheck>();
        app.Use((context, next) => bearer.InvokeAsync(context, next));
        app.UseRouting();
        var v1 = app.MapGroup("/v1");
        v1.MapPlatform();
        v1.MapMachines();
        app.MapFallback(() => ApiErrors.Error(StatusCodes.Status404NotFound, "not found", "not_found"));

        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new FlyStandInServer(app, new Uri($"{address.TrimEnd('/')}/v1/"));
    }

    /// <summary>Kills every machine's process tree, then stops the server.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) != 0)
        {
            return;
        }

        // Machines first: this also ends long-polling waits, which would otherwise hold up the server's stop.
        await registry.DisposeAsync();
        await app.StopAsync();
        await app.DisposeAsync();
    }

    private static void Listen(Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions kestrel, Uri? url)
    {
        if (url is null)
        {
            kestrel.Listen(IPAddress.Loopback, 0);
            return;
        }

        var address = url.IsLoopback && !IPAddress.TryParse(url.Host, out _) ? IPAddress.Loopback : IPAddress.Parse(url.Host);
        kestrel.Listen(address, url.Port);
    }
}

using System.Globalization;
using System.Net;
using Meridian.Local.Azurite;
using Meridian.Contract.Delivery;
using Meridian.Core;
using Meridian.Core.Audits.Orchestration;
using Meridian.Core.Configuration;
using Meridian.Core.Http;
using Meridian.Core.Machines;
using Meridian.Core.Machines.Fly;
using Meridian.Local.FlyStandIn;
using Meridian.Local.TaskHub;
using Meridian.Local.Processes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
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
    public const string WorkerImage = LocalStandIns.WorkerImage;
    private const string FlyApp = "meridian-local";

    private readonly LocalStandIns standIns;
    private readonly WebApplication app;

    private LocalCloud(LocalStandIns standIns, WebApplication app, Uri baseUrl)
    {
        this.standIns = standIns;
        this.app = app;
        BaseUrl = baseUrl;
    }

    /// <summary>The API's root, e.g. <c>http://127.0.0.1:7071/</c>.</summary>
    public Uri BaseUrl { get; }

    public IServiceProvider Services => app.Services;

    public AzuriteServer Storage => standIns.Storage;

    public FlyStandInServer Fly => standIns.Fly;

    /// <param name="step">Told about each start-up step, for a progress line.</param>
    /// <exception cref="DataFolderInUseException">Another host is running on the same data folder.</exception>
    public static async Task<LocalCloud> StartAsync(LocalCloudOptions options, Action<string>? step = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.FlyRateSpeedup, 1);
        var standIns = await LocalStandIns.StartAsync(
            new LocalStandInsOptions(options.DataDirectory, options.NodeModulesDirectory, FlyApp, options.WorkerCommand ?? LocalWorker.Command(options.AllowPrivateTargets))
            {
                RegionFaults = options.RegionFaults,
                FlyRateLimits = options.FlyRateLimits,
                FlyRateSpeedup = options.FlyRateSpeedup,
            },
            step,
            cancellationToken);
        try
        {
            step?.Invoke("Starting the Durable engine and the API");
            var port = options.Port == 0 ? LoopbackPort.PickFree() : options.Port;
            var baseUrl = new Uri($"http://127.0.0.1:{port}/");
            var app = BuildApp(options, standIns, baseUrl);
            await app.StartAsync(cancellationToken);
            return new LocalCloud(standIns, app, baseUrl);
        }
        catch
        {
            await standIns.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        // The engine first (it stops dispatching orchestrations and activities), then the machines, then storage.
        await app.StopAsync();
        await app.DisposeAsync();
        await standIns.DisposeAsync();
    }

    private static WebApplication BuildApp(LocalCloudOptions options, LocalStandIns standIns, Uri baseUrl)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders().AddConsole().SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.UseKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, baseUrl.Port);
            RequestLimits.ConfigureKestrel(kestrel.Limits);
        });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Meridian:CallbackBaseUrl"] = baseUrl.AbsoluteUri,

            // Kept with the data: monitors' webhook secrets are derived from it and must survive a restart.
            ["Meridian:CallbackSigningKey"] = LocalSigningKey.LoadOrCreate(options.DataDirectory),
            ["Meridian:AllowPrivateTargets"] = options.AllowPrivateTargets ? "true" : "false",
            ["Fly:ApiBaseUrl"] = standIns.Fly.ApiBaseUrl.AbsoluteUri,
            ["Fly:AppName"] = FlyApp,
            ["Fly:WorkerImage"] = WorkerImage,
            ["Fly:ApiToken"] = standIns.FlyApiToken,
        });
        if (options.FlyRateSpeedup > 1)
        {
            var meridian = new MeridianOptions();
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Fly:CreateIntervalMs"] = ((int)CreateRate.FlyDefault.Interval.TotalMilliseconds / options.FlyRateSpeedup).ToString(CultureInfo.InvariantCulture),
                ["Meridian:MachineCreateIntervalMs"] = (meridian.MachineCreateIntervalMs / options.FlyRateSpeedup).ToString(CultureInfo.InvariantCulture),
            });
        }

        builder.Services.AddSingleton<IHostLifetime, CommandOwnedLifetime>();

        // The framework's own answers (unknown route, wrong method) get a problem body as the API's do.
        builder.Services.AddProblemDetails(problems => problems.CustomizeProblemDetails = context =>
        {
            context.ProblemDetails.Type ??= ApiProblems.TypeFor(context.ProblemDetails.Status ?? 0);
            context.ProblemDetails.Detail ??= FrameworkDetail(context.ProblemDetails.Status, context.HttpContext.Request.Path);
        });
        builder.Services.AddMeridianCore(builder.Configuration);
        builder.Services.AddMeridianBlobStorage(_ => standIns.Storage.CreateBlobServiceClient());
        builder.Services.AddFlyMachines(builder.Configuration);
        builder.Services.AddLocalDurableTask(standIns.Storage.ConnectionString, options.TaskHubName, tasks => tasks.AddAuditTasks());
        if (options.RunMonitors)
        {
            builder.Services.AddHostedService<MonitorSchedulerService>();
        }

        var app = builder.Build();
        app.UseRequestLimits();
        app.UseStatusCodePages();
        options.ConfigureApp?.Invoke(app);
        app.MapMeridianApi();
        app.MapReportPages();
        app.MapDemoPage();
        return app;
    }

    // The 405 names the methods the path does take.
    private static string? FrameworkDetail(int? status, PathString path) => status switch
    {
        StatusCodes.Status404NotFound => ApiProblems.NoSuchRouteDetail,
        StatusCodes.Status405MethodNotAllowed => ApiProblems.MethodNotAllowedText(
            path.StartsWithSegments("/" + ApiRoutes.Prefix, out var rest) ? RouteMethods.MethodsOf(rest.Value?.TrimStart('/')) : []),
        _ => null,
    };
}

using Meridian.Local.FlyStandIn;
using Meridian.Local.FlyStandIn.Faults;
using Meridian.Local.FunctionsHost;
using Meridian.Testing;
using Meridian.Testing.Web;
using Meridian.Testing.Worker;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Meridian.Functions.Tests.Host;

/// <summary>
/// The Functions app's build output on a real Functions host, one per fixture (hosts sharing a storage
/// account share timer locks and the task hub): its own Azurite, a Fly stand-in running the real worker,
/// a page on 127.0.0.1 to audit, and a client holding the host's function key. A machine in
/// <see cref="SilentRegion"/> runs but never calls back.
/// </summary>
public abstract class FunctionsAppFixture : IAsyncLifetime
{
    public const string SilentRegion = "syd";

    private readonly string data = Directory.CreateTempSubdirectory("meridian-functions-e2e-").FullName;
    private LoopbackServer? pages;
    private FunctionsCloud? cloud;

    /// <summary>AZURE_FUNCTIONS_ENVIRONMENT for this host.</summary>
    public abstract string EnvironmentName { get; }

    public FunctionsCloud Cloud => cloud ?? throw new InvalidOperationException("The fixture has not started.");

    /// <summary>The app's routes with the default function key (as x-functions-key).</summary>
    public HttpClient Api { get; private set; } = null!;

    /// <summary>The app's routes without a key.</summary>
    public HttpClient Anonymous { get; private set; } = null!;

    /// <summary>A small page on 127.0.0.1 for the audits.</summary>
    public Uri Page => pages!.Url("shop");

    public async Task InitializeAsync()
    {
        pages = await LoopbackServer.StartAsync(app => app.MapGet("/shop", () => Results.Content(
            "<!doctype html><html lang=en><head><meta charset=utf-8><meta name=viewport content=\"width=device-width\"><title>Shop</title></head><body><h1>Shop</h1><p>Fresh bread every morning.</p></body></html>",
            "text/html")));
        cloud = await FunctionsCloud.StartAsync(new FunctionsCloudOptions
        {
            Host = FunctionsHostInstallation.Require(),
            AppBuildOutput = FunctionsAppBuild.OutputDirectory,
            NodeModulesDirectory = RepositoryPaths.Combine("worker"),
            DataDirectory = data,
            EnvironmentName = EnvironmentName,
            AllowPrivateTargets = true,
            WorkerCommand = Worker(Path.Combine(data, "lighthouse")),
            RegionFaults = new Dictionary<string, RegionFault>(StringComparer.OrdinalIgnoreCase) { [SilentRegion] = new() { Worker = WorkerFault.Hangs } },
        });
        var key = await cloud.Host.GetFunctionKeyAsync();
        Api = new HttpClient { BaseAddress = cloud.BaseUrl };
        Api.DefaultRequestHeaders.Add("x-functions-key", key);
        Anonymous = new HttpClient { BaseAddress = cloud.BaseUrl };
    }

    public async Task DisposeAsync()
    {
        Api?.Dispose();
        Anonymous?.Dispose();
        if (cloud is not null)
        {
            await cloud.DisposeAsync();
        }

        if (pages is not null)
        {
            await pages.DisposeAsync();
        }

        Directory.Delete(data, recursive: true);
    }

    /// <summary>What a machine runs: null for the real worker with real Lighthouse in Chromium.</summary>
    protected virtual ImageCommand? Worker(string folder) => null;
}

/// <summary>Core Tools' default environment: the host validates every service registration at start-up. The worker's Lighthouse answers at once.</summary>
public sealed class DevelopmentFunctionsApp : FunctionsAppFixture
{
    public override string EnvironmentName => "Development";

    protected override ImageCommand? Worker(string folder) => InstantLighthouse.Worker(folder);
}

/// <summary>As deployed; the worker runs real Lighthouse in Chromium.</summary>
public sealed class ProductionFunctionsApp : FunctionsAppFixture
{
    public override string EnvironmentName => "Production";
}

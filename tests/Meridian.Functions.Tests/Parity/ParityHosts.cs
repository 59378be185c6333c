using Meridian.Local.FunctionsHost;
using Meridian.Local.Hosting;
using Meridian.Testing;
using Meridian.Testing.Worker;

namespace Meridian.Functions.Tests.Parity;

/// <summary>
/// The two hosts of the same API side by side, as a user meets them: the local host (<c>serve</c>) and
/// the Functions app on a Functions host, both refusing private targets.
/// </summary>
public sealed class ParityHosts : IAsyncLifetime
{
    private readonly string localData = Directory.CreateTempSubdirectory("meridian-parity-local-").FullName;
    private readonly string functionsData = Directory.CreateTempSubdirectory("meridian-parity-functions-").FullName;
    private LocalCloud? local;
    private FunctionsCloud? functions;

    /// <summary>The local host's API (it asks for no key).</summary>
    public HttpClient Local { get; private set; } = null!;

    /// <summary>The Functions app's API, with its function key.</summary>
    public HttpClient Functions { get; private set; } = null!;

    public Uri LocalUrl => local!.BaseUrl;

    public Uri FunctionsUrl => functions!.BaseUrl;

    public string FunctionKey { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var worker = InstantLighthouse.Worker(Path.Combine(functionsData, "lighthouse"));
        local = await LocalCloud.StartAsync(new LocalCloudOptions
        {
            DataDirectory = localData,
            NodeModulesDirectory = RepositoryPaths.Combine("worker"),
            WorkerCommand = worker,
        });
        functions = await FunctionsCloud.StartAsync(new FunctionsCloudOptions
        {
            Host = FunctionsHostInstallation.Require(),
            AppBuildOutput = FunctionsAppBuild.OutputDirectory,
            NodeModulesDirectory = RepositoryPaths.Combine("worker"),
            DataDirectory = functionsData,
            EnvironmentName = "Production",
            WorkerCommand = worker,
        });
        Local = new HttpClient { BaseAddress = local.BaseUrl };
        Functions = new HttpClient { BaseAddress = functions.BaseUrl };
        FunctionKey = await functions.Host.GetFunctionKeyAsync();
        Functions.DefaultRequestHeaders.Add("x-functions-key", FunctionKey);
    }

    public async Task DisposeAsync()
    {
        Local?.Dispose();
        Functions?.Dispose();
        if (functions is not null)
        {
            await functions.DisposeAsync();
        }

        if (local is not null)
        {
            await local.DisposeAsync();
        }

        Directory.Delete(localData, recursive: true);
        Directory.Delete(functionsData, recursive: true);
    }
}

using Meridian.Core.Machines.Fly;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace Meridian.Core.Tests.Machines.Fly;

/// <summary>The production registration (<see cref="FlyServiceCollectionExtensions.AddFlyMachines"/>) with a scripted Fly behind it and every log line captured.</summary>
internal sealed class FlyClientHarness : IDisposable
{
    public const string Token = "fly-secret-token-9f3a1c7e";
    public const string App = "meridian-workers";

    private readonly ServiceProvider provider;

    /// <param name="services">Changes to the production registration (say, a budget of the test's own).</param>
    public FlyClientHarness(Func<ScriptedFlyHandler.Request, HttpResponseMessage> answer, Dictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        Handler = new ScriptedFlyHandler(answer);
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Fly:ApiBaseUrl"] = "https://fly.test/v1/",
                ["Fly:AppName"] = App,
                ["Fly:WorkerImage"] = "registry.fly.io/meridian-workers:1",
                ["Fly:ApiToken"] = Token,
                ["Fly:RetryBaseDelayMs"] = "1",
                ["Fly:MaxRetryAttempts"] = "3",
                ["Fly:CreateIntervalMs"] = "1",
            })
            .AddInMemoryCollection(settings ?? [])
            .Build();

        var collection = new ServiceCollection();
        collection.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddFakeLogging());
        collection.AddFlyMachines(configuration);
        collection.ConfigureAll<HttpClientFactoryOptions>(factory =>
            factory.HttpMessageHandlerBuilderActions.Add(builder => builder.PrimaryHandler = Handler));
        services?.Invoke(collection);
        provider = collection.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
    }

    public ScriptedFlyHandler Handler { get; }

    public FlyRegionMachines Machines => provider.GetRequiredService<FlyRegionMachines>();

    public IFlyMachinesApi Api => provider.GetRequiredService<IFlyMachinesApi>();

    public T Get<T>()
        where T : notnull => provider.GetRequiredService<T>();

    public IReadOnlyList<string> LogLines => provider.GetRequiredService<FakeLogCollector>().GetSnapshot().Select(r => $"{r.Category} {r.Message} {r.Exception}").ToList();

    public void Dispose() => provider.Dispose();
}

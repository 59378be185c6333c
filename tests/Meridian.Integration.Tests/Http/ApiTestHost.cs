using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using System.Security.Cryptography;
using Azure.Storage.Blobs;
using Meridian.Contract.Delivery;
using Meridian.Contract.Targets;
using Meridian.Core;
using Meridian.Core.Audits.Storage;
using Meridian.Core.Monitors.Storage;
using Meridian.Core.Storage;
using Meridian.Integration.Tests.Monitors.Storage;
using Meridian.Testing.Storage;
using Meridian.Testing.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Moq;

namespace Meridian.Integration.Tests.Http;

/// <summary>
/// The HTTP API on real Kestrel with the real blob stores on real Azurite. The orchestration client
/// is a mock, so a test sees exactly what a request asked of the engine (nothing, for one refused);
/// the engine itself runs for real in Meridian.Core.Tests and Meridian.Local.Tests.
/// </summary>
public sealed class ApiTestHost : IAsyncLifetime
{
    private readonly AzuriteFixture azurite = new();
    private LoopbackServer? server;

    public byte[] MasterKey { get; } = RandomNumberGenerator.GetBytes(32);

    public Mock<DurableTaskClient> Orchestrations { get; } = new("mock");

    public BlobServiceClient Blobs { get; private set; } = null!;

    public HttpClient Http { get; private set; } = null!;

    public IAuditStore Audits { get; private set; } = null!;

    public IMonitorStore Monitors { get; private set; } = null!;

    /// <summary>The host's services, e.g. to see which endpoints it maps.</summary>
    /// <summary>Every log line the API wrote, as formatted.</summary>
    public FakeLogCollector Logs => Services.GetRequiredService<FakeLogCollector>();

    public IServiceProvider Services => server?.Services ?? throw new InvalidOperationException("Not started.");

    /// <summary>Every operation the host really maps, as "METHOD /route", in order.</summary>
    public IReadOnlyList<string> MappedOperations() =>
    [
        .. Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .SelectMany(endpoint => endpoint.Metadata.GetRequiredMetadata<HttpMethodMetadata>().HttpMethods
                .Select(method => $"{method.ToUpperInvariant()} {endpoint.RoutePattern.RawText}"))
            .Order(StringComparer.Ordinal),
    ];

    public async Task InitializeAsync()
    {
        await azurite.InitializeAsync();
        Blobs = azurite.Server.CreateBlobServiceClient();
        await MeridianBlobContainers.EnsureCreatedAsync(Blobs);
        server = await LoopbackServer.StartAsync(app => app.MapMeridianApi(), services =>
        {
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Meridian:CallbackBaseUrl"] = "http://127.0.0.1:9/",
                ["Meridian:CallbackSigningKey"] = Convert.ToBase64String(MasterKey),
            }).Build();
            services.AddMeridianCore(configuration);
            services.AddMeridianBlobStorage(_ => Blobs);

            // Public names resolve to a public address without real DNS (no internet here).
            services.Replace(ServiceDescriptor.Singleton<IHostResolver>(new PublicResolver()));
            services.AddSingleton(_ => Orchestrations.Object);
            services.AddLogging(logging => logging.AddFakeLogging());
        });
        Http = new HttpClient { BaseAddress = server.BaseUrl };
        Audits = server.Services.GetRequiredService<IAuditStore>();
        Monitors = server.Services.GetRequiredService<IMonitorStore>();
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        if (server is not null)
        {
            await server.DisposeAsync();
        }

        await azurite.DisposeAsync();
    }

    /// <summary>How many blobs a container holds: "nothing half-written" is checked by counting before and after.</summary>
    public async Task<int> CountAsync(string container)
    {
        var count = 0;
        await foreach (var _ in Blobs.GetBlobContainerClient(container).GetBlobsAsync())
        {
            count++;
        }

        return count;
    }

    /// <summary>Every monitor blob's name and ETag: equal snapshots mean nothing was written.</summary>
    public Task<List<string>> MonitorSnapshotAsync() => Tests.Monitors.Storage.MonitorBlobs.SnapshotAsync(Blobs);

    private sealed class PublicResolver : IHostResolver
    {
        public Task<IReadOnlyList<System.Net.IPAddress>> ResolveAsync(string host, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<System.Net.IPAddress>>(
                host.EndsWith(".internal", StringComparison.OrdinalIgnoreCase) || host == "private.example"
                    ? [System.Net.IPAddress.Parse("10.0.0.7")]
                    : [System.Net.IPAddress.Parse("93.184.215.14")]);
    }
}

using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Meridian.Testing.Web;

/// <summary>A real Kestrel server on 127.0.0.1 and a free port, with whatever routes a test maps.</summary>
public sealed class LoopbackServer : IAsyncDisposable
{
    private readonly WebApplication app;

    private LoopbackServer(WebApplication app, Uri baseUrl)
    {
        this.app = app;
        BaseUrl = baseUrl;
    }

    /// <summary>The server's root, ending in '/'.</summary>
    public Uri BaseUrl { get; }

    /// <param name="services">Services the routes need, registered before the app is built.</param>
    public static async Task<LoopbackServer> StartAsync(Action<WebApplication> map, Action<IServiceCollection>? services = null)
    {
        ArgumentNullException.ThrowIfNull(map);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(System.Net.IPAddress.Loopback, 0));
        services?.Invoke(builder.Services);
        var app = builder.Build();
        map(app);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new LoopbackServer(app, new Uri(address.TrimEnd('/') + "/"));
    }

    public Uri Url(string path) => new(BaseUrl, path);

    public IServiceProvider Services => app.Services;

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}

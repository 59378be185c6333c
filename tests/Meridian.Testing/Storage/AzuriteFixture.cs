using Meridian.Local.Azurite;
using Xunit;

namespace Meridian.Testing.Storage;

/// <summary>
/// One Azurite, started from the repository's <c>worker/node_modules</c>, shared by the tests of a class
/// (<c>IClassFixture</c>) or of a collection (<c>ICollectionFixture</c>). Its data lives in a temporary
/// folder removed with it: tests sharing it should use containers of their own.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private AzuriteServer? server;

    public AzuriteServer Server => server ?? throw new InvalidOperationException("Not started.");

    /// <summary>Options for a test that starts its own Azurite (say, to stop it).</summary>
    public static AzuriteServerOptions Options(string? dataDirectory = null) => new()
    {
        NodeModulesDirectory = RepositoryPaths.Combine("worker"),
        DataDirectory = dataDirectory,
    };

    public async Task InitializeAsync() => server = await AzuriteServer.StartAsync(Options());

    public async Task DisposeAsync()
    {
        if (server is not null)
        {
            await server.DisposeAsync();
        }
    }
}

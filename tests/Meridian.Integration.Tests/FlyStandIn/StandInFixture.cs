using Meridian.Local.FlyStandIn;

namespace Meridian.Integration.Tests.FlyStandIn;

/// <summary>One stand-in (limits off, no faults) shared by the tests of a class that change neither.</summary>
public sealed class StandInFixture : IAsyncLifetime
{
    private FlyStandInServer? server;

    public FlyStandInServer Server => server ?? throw new InvalidOperationException("Not started.");

    public async Task InitializeAsync() => server = await FlyStandInServer.StartAsync(StandInApi.Options());

    public async Task DisposeAsync()
    {
        if (server is not null)
        {
            await server.DisposeAsync();
        }
    }
}

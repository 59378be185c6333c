using Meridian.Testing.Worker;

namespace Meridian.Worker.Tests.Integration;

/// <summary>Real Lighthouse runs are serialized: two at once on two cores skew each other and slow both.</summary>
[CollectionDefinition(Name)]
public sealed class RealLighthouse : ICollectionFixture<WorkerTestBed>
{
    public const string Name = "Real Lighthouse, Azurite and loopback servers";
}

using Meridian.Core.Durable;
using Meridian.Local.Durable;
using Microsoft.Extensions.DependencyInjection;

namespace Meridian.Local.Tests.Durable;

/// <summary>A local orchestration host on a <see cref="TestClock"/>, with the waits tests need.</summary>
internal sealed class LocalHostHarness : IAsyncDisposable
{
    private readonly ServiceProvider services;

    public LocalHostHarness(Action<IServiceCollection>? configureServices = null)
    {
        var collection = new ServiceCollection();
        configureServices?.Invoke(collection);
        services = collection.BuildServiceProvider();
        Host = new LocalOrchestrationHost(services, Clock);
    }

    public TestClock Clock { get; } = new();

    public LocalOrchestrationHost Host { get; }

    public IServiceProvider Services => services;

    public async Task<OrchestrationInstance> CompletionOfAsync(string instanceId)
    {
        var finished = await Host.WaitForCompletionAsync(instanceId).WaitAsync(Within.Timeout);
        return finished ?? throw new InvalidOperationException($"No instance '{instanceId}'.");
    }

    /// <summary>Polls the instance's status (as the CLI would) until <paramref name="condition"/> holds while it runs.</summary>
    public async Task<OrchestrationInstance> RunningUntilAsync(string instanceId, Func<OrchestrationInstance, bool> condition)
    {
        using var timeout = new CancellationTokenSource(Within.Timeout);
        while (true)
        {
            var instance = await Host.GetInstanceAsync(instanceId);
            if (instance is { RuntimeStatus: OrchestrationStatus.Running } && condition(instance))
            {
                return instance;
            }

            if (instance is not null and not { RuntimeStatus: OrchestrationStatus.Running })
            {
                throw new InvalidOperationException(
                    $"Instance '{instanceId}' ended {instance.RuntimeStatus} ({instance.FailureMessage}) before the condition held.");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(5), timeout.Token);
        }
    }

    /// <summary>Waits until the orchestration has published <paramref name="customStatus"/>: a signal that it reached that point.</summary>
    public Task<OrchestrationInstance> RunningWithStatusAsync(string instanceId, string customStatus) =>
        RunningUntilAsync(instanceId, instance => instance.ReadCustomStatusAs<string>() == customStatus);

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        await services.DisposeAsync();
    }
}

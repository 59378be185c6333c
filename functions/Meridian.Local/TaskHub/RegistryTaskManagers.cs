using DurableTask.Core;
using Microsoft.DurableTask.Worker;
using Microsoft.DurableTask.Worker.Shims;
using Microsoft.Extensions.DependencyInjection;
using CoreTaskActivity = DurableTask.Core.TaskActivity;

namespace Meridian.Local.TaskHub;

/// <summary>
/// Where DurableTask.Core looks tasks up by name: answered from durabletask-dotnet's task registry
/// (<see cref="IDurableTaskFactory"/>), so every host registers the same task classes the same way
/// and nothing here lists them again. A name the registry lacks is null, which the engine reports as
/// a missing task.
/// </summary>
internal static class RegistryTaskManagers
{
    public sealed class Orchestrations(IDurableTaskFactory factory, DurableTaskShimFactory shims, IServiceProvider services)
        : INameVersionObjectManager<TaskOrchestration>
    {
        public void Add(ObjectCreator<TaskOrchestration> creator) =>
            throw new NotSupportedException("Orchestrators are registered with the DurableTaskRegistry.");

        // A new orchestrator per episode: the engine replays it from history each time.
        public TaskOrchestration? GetObject(string name, string? version) =>
            factory.TryCreateOrchestrator(name, services, out var orchestrator) ? shims.CreateOrchestration(name, orchestrator) : null;
    }

    public sealed class Activities(IDurableTaskFactory factory, DurableTaskShimFactory shims, IServiceScopeFactory scopes)
        : INameVersionObjectManager<CoreTaskActivity>
    {
        public void Add(ObjectCreator<CoreTaskActivity> creator) =>
            throw new NotSupportedException("Activities are registered with the DurableTaskRegistry.");

        public CoreTaskActivity GetObject(string name, string? version) => new ScopedTaskActivity(name, factory, shims, scopes);
    }
}

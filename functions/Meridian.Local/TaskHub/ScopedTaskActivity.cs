using DurableTask.Core;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Worker;
using Microsoft.DurableTask.Worker.Shims;
using Microsoft.Extensions.DependencyInjection;
using CoreTaskActivity = DurableTask.Core.TaskActivity;

namespace Meridian.Local.TaskHub;

/// <summary>
/// One activity invocation for DurableTask.Core: the task class is built from the registry in a
/// service scope of its own, as the Functions host resolves a function per invocation, and run
/// through durabletask-dotnet's shim (the same path its gRPC worker takes).
/// </summary>
internal sealed class ScopedTaskActivity(TaskName name, IDurableTaskFactory factory, DurableTaskShimFactory shims, IServiceScopeFactory scopes)
    : CoreTaskActivity
{
    public override string Run(TaskContext context, string input) =>
        throw new NotSupportedException("Activities run asynchronously.");

    public override async Task<string> RunAsync(TaskContext context, string input)
    {
        var scope = scopes.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            if (!factory.TryCreateActivity(name, scope.ServiceProvider, out var activity))
            {
                throw new InvalidOperationException($"No activity named '{name}' is registered.");
            }

            return await shims.CreateActivity(name, activity).RunAsync(context, input).ConfigureAwait(false);
        }
    }
}

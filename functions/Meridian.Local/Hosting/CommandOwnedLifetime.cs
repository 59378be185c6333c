using Microsoft.Extensions.Hosting;

namespace Meridian.Local.Hosting;

/// <summary>
/// Leaves Ctrl+C and SIGTERM to the command that started the local cloud. The web host's default
/// console lifetime would take those signals too and only flag the host as stopping; the command's
/// cancellation is what stops and disposes everything, in order (engine, machines, storage).
/// </summary>
internal sealed class CommandOwnedLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

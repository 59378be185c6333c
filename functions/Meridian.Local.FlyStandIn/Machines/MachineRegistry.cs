using Meridian.Core.Machines.Fly;
using Meridian.Local.Processes;
using Microsoft.Extensions.Logging;

namespace Meridian.Local.FlyStandIn.Machines;

/// <summary>The app's machines, destroyed ones included (for their logs); owns their lifetime.</summary>
internal sealed class MachineRegistry : IAsyncDisposable
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, LocalMachine> machines = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource lifetime = new();
    private readonly MachineHost host;
    private int sequence;
    private bool disposed;

    public MachineRegistry(FlyStandInOptions options, MachineLauncher launcher, TimeProvider time, ILoggerFactory loggers)
    {
        var processGroups = options.StateDirectory is { } stateDirectory ? new LeftoverProcessGroups(stateDirectory) : null;
        host = new MachineHost(options, launcher, time, loggers.CreateLogger("Meridian.Local.FlyStandIn.Machines"), processGroups, lifetime.Token);
    }

    /// <summary>Cancelled when the stand-in stops.</summary>
    public CancellationToken Lifetime => lifetime.Token;

    /// <summary>Creates and boots a machine, unless another machine not destroyed has the same name.</summary>
    public CreateResult Create(string? name, string region, MachineConfig config)
    {
        lock (gate)
        {
            if (disposed)
            {
                return new CreateResult(null, CreateRefusal.ShuttingDown);
            }

            if (name is not null && machines.Values.FirstOrDefault(other => other.Name == name && other.State != MachineStates.Destroyed) is { } holder)
            {
                return new CreateResult(holder, CreateRefusal.NameTaken);
            }

            var id = NewUniqueId();
            var machine = new LocalMachine(id, name ?? MachineIds.DefaultName(id), region, config, sequence++, host);
            machines.Add(id, machine);
            machine.Boot();
            return new CreateResult(machine, null);
        }
    }

    /// <summary>The machine, if it exists and is not destroyed (Fly answers 404 for those).</summary>
    public LocalMachine? FindLive(string id)
    {
        lock (gate)
        {
            return machines.TryGetValue(id, out var machine) && machine.State != MachineStates.Destroyed ? machine : null;
        }
    }

    public IReadOnlyList<LocalMachine> All()
    {
        lock (gate)
        {
            return [.. machines.Values];
        }
    }

    /// <summary>Kills every machine's process tree; no create succeeds afterwards.</summary>
    public async ValueTask DisposeAsync()
    {
        LocalMachine[] toStop;
        lock (gate)
        {
            if (disposed)
            {
                return;
            }

            disposed = true;
            toStop = [.. machines.Values];
        }

        await lifetime.CancelAsync();
        await Task.WhenAll(toStop.Select(machine => machine.ShutDownAsync()));
        // The source is left undisposed: late requests may still link to its (cancelled) token.
    }

    private string NewUniqueId()
    {
        var id = MachineIds.NewMachineId();
        while (machines.ContainsKey(id))
        {
            id = MachineIds.NewMachineId();
        }

        return id;
    }
}

internal enum CreateRefusal
{
    NameTaken,
    ShuttingDown,
}

/// <param name="Machine">The machine made, or for <see cref="CreateRefusal.NameTaken"/> the one that has the name.</param>
internal sealed record CreateResult(LocalMachine? Machine, CreateRefusal? Refusal);

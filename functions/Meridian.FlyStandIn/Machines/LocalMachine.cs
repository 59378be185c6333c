using System.ComponentModel;
using System.Globalization;
using Meridian.Core.Fly;
using static Meridian.FlyStandIn.Machines.MachineStates;

namespace Meridian.FlyStandIn.Machines;

/// <summary>
/// One machine: its state, its events, and the local process that plays it. Every change of state
/// happens under one lock and is recorded as a Fly event; waiters are released by the transition
/// itself, so a wait for "started" succeeds even when the process has already exited again.
/// </summary>
internal sealed class LocalMachine
{
    private static readonly TimeSpan KillWait = TimeSpan.FromSeconds(5);

    private readonly Lock gate = new();
    private readonly List<MachineEvent> events = []; // oldest first
    private readonly List<(string State, TaskCompletionSource<WaitOutcome> Outcome)> waiters = [];
    private readonly MachineHost host;
    private string state = Created;
    private DateTimeOffset updatedAt;
    private MachineProcess? process;
    private Task exitHandled = Task.CompletedTask;
    private int? lastProcessId;
    private int? exitCode;
    private bool stopRequested;
    private bool shutDown;
    private CancellationTokenSource? stopDeadline;

    public LocalMachine(string id, string name, string region, MachineConfig config, int sequence, MachineHost host)
    {
        this.host = host;
        Id = id;
        Name = name;
        Region = region;
        Config = config;
        Sequence = sequence;
        Output = new OutputBuffer(host.Options.MaxOutputLines, line => MachineLog.Output(host.Logger, id, region, line));
        CreatedAt = host.Time.GetUtcNow();
        lock (gate)
        {
            Record("launch", Created);
        }
    }

    public string Id { get; }

    public string Name { get; }

    public string Region { get; }

    public MachineConfig Config { get; }

    /// <summary>Order of creation in the stand-in (picks the exited_at form when alternating).</summary>
    public int Sequence { get; }

    public string InstanceId { get; } = MachineIds.NewInstanceId();

    public DateTimeOffset CreatedAt { get; }

    public OutputBuffer Output { get; }

    public string State
    {
        get
        {
            lock (gate)
            {
                return state;
            }
        }
    }

    private bool AutoDestroy => Config.AutoDestroy == true;

    /// <summary>Starts the image after the (region's) boot delay; the machine is "created" until then.</summary>
    public void Boot() => _ = BootAsync(host.Launcher.BootDelay(Region));

    public CommandOutcome Stop(int signal, TimeSpan timeout)
    {
        lock (gate)
        {
            switch (state)
            {
                case Destroyed:
                    return CommandOutcome.NotFound;
                case Created or Starting:
                    // Not booted yet: nothing to signal, the boot just never happens.
                    stopRequested = true;
                    Record("stop", Stopped);
                    DestroyLaterIfAuto();
                    return CommandOutcome.Done;
                case Started when process is { } running:
                    stopRequested = true;
                    Transition(Stopping);
                    running.Signal(signal);
                    stopDeadline = CancellationTokenSource.CreateLinkedTokenSource(host.Lifetime);
                    _ = KillAfterAsync(running, timeout, stopDeadline.Token);
                    return CommandOutcome.Done;
                default:
                    return CommandOutcome.Done; // stopping or stopped already
            }
        }
    }

    /// <summary>Re-runs the image of a stopped machine.</summary>
    public CommandOutcome Start(out string previousState)
    {
        lock (gate)
        {
            previousState = state;
            if (state == Destroyed)
            {
                return CommandOutcome.NotFound;
            }

            if (state != Stopped)
            {
                return CommandOutcome.Done; // already on its way up
            }

            if (AutoDestroy)
            {
                return CommandOutcome.AutoDestroying;
            }

            stopRequested = false;
            Transition(Starting);
        }

        Boot();
        return CommandOutcome.Done;
    }

    /// <summary>Destroys the machine; a running one only with <paramref name="force"/>, which kills its whole process tree.</summary>
    public async Task<CommandOutcome> DeleteAsync(bool force)
    {
        MachineProcess? running;
        Task handled;
        lock (gate)
        {
            if (state == Destroyed)
            {
                return CommandOutcome.NotFound;
            }

            if (IsActive(state) && !force)
            {
                return CommandOutcome.StillActive;
            }

            stopRequested = true;
            running = process;
            handled = exitHandled;
            if (running is null)
            {
                Destroy();
                return CommandOutcome.Done;
            }
        }

        running.KillTree();
        await WaitBoundedAsync(handled);
        lock (gate)
        {
            if (state != Destroyed)
            {
                Destroy();
            }
        }

        return CommandOutcome.Done;
    }

    public async Task<WaitOutcome> WaitForStateAsync(string wanted, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var outcome = new TaskCompletionSource<WaitOutcome>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (gate)
        {
            if (state == Destroyed)
            {
                return WaitOutcome.NotFound;
            }

            if (state == wanted)
            {
                return WaitOutcome.Reached;
            }

            waiters.Add((wanted, outcome));
        }

        try
        {
            return await outcome.Task.WaitAsync(timeout, host.Time, cancellationToken);
        }
        catch (TimeoutException)
        {
            return WaitOutcome.TimedOut;
        }
        finally
        {
            lock (gate)
            {
                waiters.RemoveAll(waiter => waiter.Outcome == outcome);
            }
        }
    }

    /// <summary>The stand-in is stopping: kill the process tree and never boot again.</summary>
    public async Task ShutDownAsync()
    {
        MachineProcess? running;
        Task handled;
        lock (gate)
        {
            shutDown = true;
            running = process;
            handled = exitHandled;
        }

        if (running is not null)
        {
            running.KillTree();
            await WaitBoundedAsync(handled);
        }
    }

    public Machine ToContract()
    {
        lock (gate)
        {
            return new Machine
            {
                Id = Id,
                Name = Name,
                State = state,
                Region = Region,
                InstanceId = InstanceId,
                Config = Config,
                CreatedAt = Rfc3339(CreatedAt),
                UpdatedAt = Rfc3339(updatedAt),
                Events = [.. Enumerable.Reverse(events)],
            };
        }
    }

    public MachineSnapshot Snapshot()
    {
        lock (gate)
        {
            return new MachineSnapshot(
                Id,
                Name,
                Region,
                Config.Image,
                state,
                lastProcessId,
                exitCode,
                Config.Metadata ?? new Dictionary<string, string>(),
                Output.Snapshot());
        }
    }

    private async Task BootAsync(TimeSpan delay)
    {
        try
        {
            await Task.Delay(delay, host.Time, host.Lifetime);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        lock (gate)
        {
            if (shutDown || state is not (Created or Starting))
            {
                return; // stopped, destroyed or shut down while booting
            }

            // Launched under the lock, so a shutdown either sees the process or stops the launch.
            try
            {
                var run = host.Launcher.Start(Id, Region, Config, Output);
                process = run;
                lastProcessId = run.Id;
                exitCode = null;
                Record("start", Started);
                exitHandled = HandleExitAsync(run);
            }
            catch (Exception e) when (e is Win32Exception or KeyNotFoundException)
            {
                Output.Add(new MachineOutputLine(host.Time.GetUtcNow(), IsStandardError: true, $"the stand-in could not start image '{Config.Image}': {e.Message}"));
                RecordExit(127); // the shell's "command not found"
            }
        }
    }

    private async Task HandleExitAsync(MachineProcess run)
    {
        // Forced to yield: never continue inside BootAsync's lock.
        var code = await run.Exited.ConfigureAwait(ConfigureAwaitOptions.ForceYielding);
        lock (gate)
        {
            process = null;
            stopDeadline?.Cancel();
            stopDeadline?.Dispose();
            stopDeadline = null;
            if (state != Destroyed)
            {
                RecordExit(code);
            }
        }
    }

    private async Task KillAfterAsync(MachineProcess run, TimeSpan timeout, CancellationToken exited)
    {
        try
        {
            await Task.Delay(timeout, host.Time, exited);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        run.KillTree();
    }

    private void RecordExit(int code)
    {
        exitCode = code;
        MachineLog.Exited(host.Logger, Id, Region, code, stopRequested);
        Record("exit", Stopped, new MachineEventRequest
        {
            ExitEvent = new ExitEvent
            {
                ExitCode = code,
                OomKilled = false,
                ExitedAt = host.Time.GetUtcNow(),
                RequestedStop = stopRequested,
            },
        });
        DestroyLaterIfAuto();
    }

    private void DestroyLaterIfAuto()
    {
        if (AutoDestroy && !shutDown)
        {
            _ = DestroyAfterDelayAsync();
        }
    }

    private async Task DestroyAfterDelayAsync()
    {
        try
        {
            await Task.Delay(host.Options.AutoDestroyDelay, host.Time, host.Lifetime);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        lock (gate)
        {
            if (state == Stopped)
            {
                Destroy();
            }
        }
    }

    private void Destroy() => Record("destroy", Destroyed);

    private void Record(string type, string newState, MachineEventRequest? request = null)
    {
        events.Add(new MachineEvent
        {
            Id = MachineIds.NewInstanceId(),
            Type = type,
            Status = newState,
            Source = "flyd",
            Timestamp = host.Time.GetUtcNow().ToUnixTimeMilliseconds(),
            Request = request,
        });
        MachineLog.Transition(host.Logger, Id, Region, type, newState);
        Transition(newState);
    }

    private void Transition(string newState)
    {
        state = newState;
        updatedAt = host.Time.GetUtcNow();
        foreach (var (wanted, outcome) in waiters)
        {
            if (wanted == newState)
            {
                outcome.TrySetResult(WaitOutcome.Reached);
            }
            else if (newState == Destroyed)
            {
                outcome.TrySetResult(WaitOutcome.NotFound); // it will never get there now
            }
        }
    }

    private static async Task WaitBoundedAsync(Task task)
    {
        try
        {
            await task.WaitAsync(KillWait);
        }
        catch (TimeoutException)
        {
            // A process that outlives SIGKILL of its tree is the kernel's business; report it gone anyway.
        }
    }

    private static string Rfc3339(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}

using System.ComponentModel;
using System.Globalization;
using Meridian.Core.Machines.Fly;
using Meridian.Core.Regions;
using Meridian.Local.Processes;
using static Meridian.Local.FlyStandIn.Machines.MachineStates;

namespace Meridian.Local.FlyStandIn.Machines;

/// <summary>
/// One machine and the local process that plays it: boot, exit, stop, start, delete. Every decision
/// and change of state happens under the machine's lock, so a stop, a delete, an exit and a shutdown
/// cannot interleave badly; the <see cref="MachineTimeline"/> records the states as Fly's events.
/// </summary>
internal sealed class LocalMachine
{
    private static readonly TimeSpan KillWait = TimeSpan.FromSeconds(5);

    private readonly Lock gate = new();
    private readonly MachineHost host;
    private readonly MachineTimeline timeline;
    private GroupLeaderProcess? process;
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
        timeline = new MachineTimeline(host.Time);
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

    public string State => timeline.State;

    private bool AutoDestroy => Config.AutoDestroy == true;

    /// <summary>Starts the image after the (region's) boot delay; the machine is "created" until then.</summary>
    public void Boot() => _ = BootAsync(host.Launcher.BootDelay(Region));

    public CommandOutcome Stop(int signal, TimeSpan timeout)
    {
        lock (gate)
        {
            switch (timeline.State)
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
                    timeline.Transition(Stopping);
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
            previousState = timeline.State;
            if (timeline.State == Destroyed)
            {
                return CommandOutcome.NotFound;
            }

            if (timeline.State != Stopped)
            {
                return CommandOutcome.Done; // already on its way up
            }

            if (AutoDestroy)
            {
                return CommandOutcome.AutoDestroying;
            }

            stopRequested = false;
            timeline.Transition(Starting);
        }

        Boot();
        return CommandOutcome.Done;
    }

    /// <summary>Destroys the machine; a running one only with <paramref name="force"/>, which kills its whole process tree.</summary>
    public async Task<CommandOutcome> DeleteAsync(bool force)
    {
        GroupLeaderProcess? running;
        Task handled;
        lock (gate)
        {
            if (timeline.State == Destroyed)
            {
                return CommandOutcome.NotFound;
            }

            if (IsActive(timeline.State) && !force)
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
            if (timeline.State != Destroyed)
            {
                Destroy();
            }
        }

        return CommandOutcome.Done;
    }

    public Task<WaitOutcome> WaitForStateAsync(string wanted, TimeSpan timeout, CancellationToken cancellationToken) =>
        timeline.WaitForAsync(wanted, timeout, cancellationToken);

    /// <summary>The stand-in is stopping: kill the process tree and never boot again.</summary>
    public async Task ShutDownAsync()
    {
        GroupLeaderProcess? running;
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
                State = timeline.State,
                Region = Region,
                InstanceId = InstanceId,
                Config = Config,
                CreatedAt = Rfc3339(CreatedAt),
                UpdatedAt = Rfc3339(timeline.UpdatedAt),
                Events = timeline.Events(),
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
                timeline.State,
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
            if (shutDown || timeline.State is not (Created or Starting))
            {
                return; // stopped, destroyed or shut down while booting
            }

            if (host.Launcher.LaunchFails(Region))
            {
                Output.Add(new MachineOutputLine(host.Time.GetUtcNow(), IsStandardError: true, "the launch failed (injected): the machine goes to destroyed"));
                Record("launch", MachineStates.LaunchFailed);
                _ = DestroyAfterDelayAsync();
                return;
            }

            // Launched under the lock, so a shutdown either sees the process or stops the launch.
            try
            {
                var run = host.Launcher.Start(Id, Region, Config, Output);
                var groupRecord = host.ProcessGroups?.Record(run.Id);
                process = run;
                lastProcessId = run.Id;
                exitCode = null;
                Record("start", Started);
                exitHandled = HandleExitAsync(run, groupRecord);
            }
            catch (Exception e) when (e is Win32Exception or KeyNotFoundException)
            {
                Output.Add(new MachineOutputLine(host.Time.GetUtcNow(), IsStandardError: true, $"the stand-in could not start image '{Config.Image}': {e.Message}"));
                RecordExit(127); // the shell's "command not found"
            }
        }
    }

    private async Task HandleExitAsync(GroupLeaderProcess run, IDisposable? groupRecord)
    {
        // Forced to yield: never continue inside BootAsync's lock.
        var code = await run.Exited.ConfigureAwait(ConfigureAwaitOptions.ForceYielding);
        // Exited and its group killed: nothing left for a later stand-in to kill.
        groupRecord?.Dispose();
        lock (gate)
        {
            process = null;
            stopDeadline?.Cancel();
            stopDeadline?.Dispose();
            stopDeadline = null;
            if (timeline.State != Destroyed)
            {
                RecordExit(code);
            }
        }
    }

    private async Task KillAfterAsync(GroupLeaderProcess run, TimeSpan timeout, CancellationToken exited)
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
            if (timeline.State is Stopped or MachineStates.LaunchFailed)
            {
                Destroy();
            }
        }
    }

    private void Destroy() => Record("destroy", Destroyed);

    private void Record(string type, string newState, MachineEventRequest? request = null)
    {
        timeline.Record(type, newState, request);
        MachineLog.Transition(host.Logger, Id, Region, type, newState);
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

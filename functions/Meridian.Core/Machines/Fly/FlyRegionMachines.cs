using Meridian.Contract.Jobs;
using Meridian.Core.Regions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Meridian.Core.Machines.Fly;

/// <summary>
/// Audit machines on Fly: create one per region and wait until it has started; destroy it when the
/// audit no longer waits for it. Fly's errors become results the orchestration acts on.
/// </summary>
public sealed partial class FlyRegionMachines(
    IFlyMachinesApi fly,
    IOptions<FlyOptions> options,
    ICreateBudget creates,
    TimeProvider time,
    ILogger<FlyRegionMachines> logger) : IRegionMachines
{
    /// <summary>Seconds per wait call: under Fly's 60 s cap and under the 30 s per-attempt timeout.</summary>
    internal const int WaitSecondsPerCall = 20;

    /// <summary>A machine created later than this before the deadline could not boot and run Lighthouse in time.</summary>
    internal static readonly TimeSpan LastUsefulCreate = TimeSpan.FromSeconds(30);

    private string App => options.Value.AppName;

    public async Task<MachineStartResult> StartAsync(WorkerJob job, CancellationToken cancellationToken)
    {
        try
        {
            return await CreateAndWaitAsync(job, cancellationToken);
        }
        catch (FlyApiException error) when (error.Failure.Kind == FlyFailureKind.Transient)
        {
            // Rate limits, 5xx, the network or a machine that never started, beyond the client's retries:
            // a result with Fly's words, which an exception would not carry intact through the Functions host.
            LogCreateFailed(logger, job.AuditId, job.Region, error.Failure.Message);
            return MachineStartResult.Failed(error.Failure.Message);
        }
    }

    private async Task<MachineStartResult> CreateAndWaitAsync(WorkerJob job, CancellationToken cancellationToken)
    {
        Machine machine;
        try
        {
            machine = await CreateIdempotentlyAsync(job, cancellationToken);
        }
        catch (FlyApiException error) when (error.Failure.Kind is FlyFailureKind.RegionUnavailable or FlyFailureKind.Configuration)
        {
            var failure = error.Failure;
            LogCreateRefused(logger, job.AuditId, job.Region, failure.Kind, failure.Message);
            return failure.Kind == FlyFailureKind.RegionUnavailable
                ? MachineStartResult.Unavailable(failure.Message)
                : MachineStartResult.ConfigurationError(failure.Message);
        }

        LogCreated(logger, job.AuditId, job.Region, machine.Id);
        await WaitUntilStartedAsync(machine.Id, cancellationToken);
        return MachineStartResult.Started(machine.Id);
    }

    /// <summary>
    /// Creates the region's machine, making no twin. Each attempt takes a turn from the app's create
    /// budget first; after a 429 the budget's next turns come after Fly's Retry-After. A create answered 5xx, timed
    /// out or cut off may have made the machine: before sending it again, the region's machines are
    /// listed by the audit's and region's metadata and one found is adopted. A name clash (this
    /// activity run again by the engine, or an earlier attempt that did get through) is adopted the same way.
    /// </summary>
    private async Task<Machine> CreateIdempotentlyAsync(WorkerJob job, CancellationToken cancellationToken)
    {
        var request = FlyMachineRequests.For(job, options.Value);
        for (var attempt = 1; ; attempt++)
        {
            // Outside the try: a turn refused by the deadline made nothing and must not be taken for an ambiguous create.
            await WaitForCreateTurnAsync(job.Deadline, cancellationToken);
            try
            {
                return await FlyApiErrors.TranslateAsync(() => fly.CreateMachineAsync(App, request, cancellationToken), cancellationToken);
            }
            catch (FlyApiException error) when (error.Failure.IsRateLimited)
            {
                // Nothing was made. The app's next turns wait too, not only this create's: the bucket is the app's.
                LogRateLimited(logger, job.AuditId, job.Region, attempt);
                await creates.HoldUntilAsync(time.GetUtcNow() + (error.Failure.RetryAfter ?? options.Value.CreateRate.Interval), cancellationToken);
                if (attempt > options.Value.MaxRetryAttempts)
                {
                    throw;
                }
            }
            catch (FlyApiException error) when (IsAmbiguous(error.Failure) || error.Failure.Kind == FlyFailureKind.AlreadyExists)
            {
                if (await FindAsync(job.AuditId, job.Region, cancellationToken) is { } made)
                {
                    LogAdopted(logger, job.AuditId, job.Region, made.Id, error.Failure.Message);
                    return made;
                }

                if (error.Failure.Kind == FlyFailureKind.AlreadyExists)
                {
                    throw new FlyApiException(new FlyFailure(
                        FlyFailureKind.Transient, error.Failure.StatusCode, $"{error.Failure.Message}, yet no machine of this audit and region is listed."));
                }

                if (attempt > options.Value.MaxRetryAttempts)
                {
                    throw;
                }

                await Task.Delay(CreateRetryDelay(attempt), time, cancellationToken);
            }
        }
    }

    /// <summary>
    /// Waits for a turn of the app's budget. A turn reached late (a stalled budget write, a busy host) is
    /// given up and another taken: sent late, it would go together with the turns after it, which are on
    /// time. Only a few are: storage that is slow for every write makes every turn late alike, and a
    /// create sent anyway meets at worst a 429, which holds the budget. A turn too close to the audit's
    /// deadline (many audits queued ahead) is not waited for: the machine would come too late to matter.
    /// </summary>
    private async Task WaitForCreateTurnAsync(DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        const int LateTurnsGivenUp = 3;
        var lateness = options.Value.CreateRate.Interval / 4;
        for (var late = 0; ; late++)
        {
            var turn = await creates.TakeTurnAsync(cancellationToken);
            if (turn > deadline - LastUsefulCreate)
            {
                throw new FlyApiException(new FlyFailure(
                    FlyFailureKind.Transient, null, $"The app's create budget had no turn until {turn:HH:mm:ss} UTC, too close to the audit's deadline ({deadline:HH:mm:ss} UTC): other audits' creates were ahead."));
            }

            var wait = turn - time.GetUtcNow();
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, time, cancellationToken);
            }

            if (time.GetUtcNow() - turn <= lateness || late == LateTurnsGivenUp)
            {
                return;
            }
        }
    }

    // A 429 says nothing was made; what remains here may have made the machine.
    private static bool IsAmbiguous(FlyFailure failure) =>
        failure.Kind == FlyFailureKind.Transient && !failure.IsRateLimited && failure.StatusCode is null or 408 or >= 500;

    private TimeSpan CreateRetryDelay(int attempt) =>
        TimeSpan.FromMilliseconds(Math.Min(options.Value.RetryBaseDelayMs * Math.Pow(2, attempt - 1), 20_000) * (0.5 + (Random.Shared.NextDouble() / 2)));

    public async Task<MachineExit?> DestroyAsync(string auditId, string region, string? machineId, CancellationToken cancellationToken)
    {
        var machineIds = machineId is not null
            ? [machineId]
            : (await ListAsync(auditId, region, cancellationToken)).Select(machine => machine.Id).ToList();

        MachineExit? exit = null;
        foreach (var id in machineIds)
        {
            var machine = await GetOrNullAsync(id, cancellationToken);
            if (machine is null)
            {
                continue;
            }

            exit ??= LastExit(machine);
            await DestroyByIdAsync(id, cancellationToken);
            LogDestroyed(logger, auditId, region, id);
        }

        return exit;
    }

    /// <summary>Force-destroys a machine; one already gone is fine.</summary>
    internal async Task DestroyByIdAsync(string machineId, CancellationToken cancellationToken)
    {
        try
        {
            await FlyApiErrors.TranslateAsync(() => fly.DestroyMachineAsync(App, machineId, cancellationToken), cancellationToken);
        }
        catch (FlyApiException error) when (error.Failure.Kind == FlyFailureKind.NotFound)
        {
        }
    }

    /// <summary>The exit of the machine's last run, from its newest "exit" event (either place Fly puts it).</summary>
    public static MachineExit? LastExit(Machine machine) =>
        machine.Events?
            .Where(e => e.Type == "exit" && e.Request?.Exit is not null)
            .OrderByDescending(e => e.Timestamp)
            .Select(e => e.Request!.Exit!)
            .Select(e => new MachineExit(e.ExitCode, e.OomKilled, e.ExitedAt))
            .FirstOrDefault();

    private async Task WaitUntilStartedAsync(string machineId, CancellationToken cancellationToken)
    {
        var giveUpAt = time.GetUtcNow().AddSeconds(options.Value.StartTimeoutSeconds);
        while (true)
        {
            try
            {
                await FlyApiErrors.TranslateAsync(() => fly.WaitForStateAsync(App, machineId, "started", WaitSecondsPerCall, cancellationToken), cancellationToken);
                return;
            }
            catch (FlyApiException error) when (error.Failure.StatusCode is 408 or 404 or 400 or 412)
            {
                // 408: not started yet. 404: started and already gone (a worker that fails fast passes
                // "started" between two polls). 400 or 412: Fly will not wait for this machine (its
                // state or instance moved on). The machine's own state decides.
                var machine = await GetOrNullAsync(machineId, cancellationToken);
                var refused = error.Failure.StatusCode is 400 or 412;
                var decision = machine is null
                    ? (refused ? StartDecision.FailFast : StartDecision.AlreadyFinished)
                    : FlyMachineStates.Decide(machine);
                if (decision is StartDecision.Started or StartDecision.AlreadyFinished)
                {
                    return;
                }

                if (decision == StartDecision.FailFast || refused || time.GetUtcNow() >= giveUpAt)
                {
                    await DestroyByIdAsync(machineId, cancellationToken);
                    var state = machine?.State ?? "gone";
                    var why = decision == StartDecision.FailFast && !refused ? $"failed to start (state {state})"
                        : refused ? $"could not be waited on ({error.Failure.Message}; state {state})"
                        : $"did not start within {options.Value.StartTimeoutSeconds} s (state {state})";
                    throw new FlyApiException(new FlyFailure(FlyFailureKind.Transient, null, $"Machine {machineId} {why}; it was destroyed."));
                }
            }
        }
    }

    private async Task<Machine?> FindAsync(string auditId, string region, CancellationToken cancellationToken)
    {
        var machines = await ListAsync(auditId, region, cancellationToken);
        return machines.Count > 0 ? machines[0] : null;
    }

    private async Task<IReadOnlyList<Machine>> ListAsync(string auditId, string region, CancellationToken cancellationToken)
    {
        var metadata = new Dictionary<string, string>
        {
            [FlyMachineRequests.AuditIdMetadataKey] = auditId,
            [FlyMachineRequests.RegionMetadataKey] = region,
        };
        var listed = await FlyApiErrors.TranslateAsync(() => fly.ListMachinesAsync(App, region, metadata, cancellationToken), cancellationToken);
        return FlyMachineList.Read(listed, (machineId, reason) => LogUnreadable(logger, machineId, reason));
    }

    private async Task<Machine?> GetOrNullAsync(string machineId, CancellationToken cancellationToken)
    {
        try
        {
            return await FlyApiErrors.TranslateAsync(() => fly.GetMachineAsync(App, machineId, cancellationToken), cancellationToken);
        }
        catch (FlyApiException error) when (error.Failure.Kind == FlyFailureKind.NotFound)
        {
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Audit {AuditId} region {Region}: adopted machine {MachineId}, which an earlier create made ({Reason})")]
    private static partial void LogAdopted(ILogger logger, string auditId, string region, string machineId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Audit {AuditId} region {Region}: create {Attempt} met Fly's rate limit (429); the app's creates wait and this one goes again")]
    private static partial void LogRateLimited(ILogger logger, string auditId, string region, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Skipped machine {MachineId} of the list: it could not be read ({Reason})")]
    private static partial void LogUnreadable(ILogger logger, string machineId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Audit {AuditId} region {Region}: Fly refused the machine ({Kind}): {Reason}")]
    private static partial void LogCreateRefused(ILogger logger, string auditId, string region, FlyFailureKind kind, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Audit {AuditId} region {Region}: no machine, Fly kept failing: {Reason}")]
    private static partial void LogCreateFailed(ILogger logger, string auditId, string region, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Audit {AuditId} region {Region}: machine {MachineId} created")]
    private static partial void LogCreated(ILogger logger, string auditId, string region, string machineId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Audit {AuditId} region {Region}: machine {MachineId} destroyed")]
    private static partial void LogDestroyed(ILogger logger, string auditId, string region, string machineId);
}

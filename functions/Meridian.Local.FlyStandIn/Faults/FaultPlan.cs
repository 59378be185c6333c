namespace Meridian.Local.FlyStandIn.Faults;

/// <summary>
/// Faults the stand-in injects, changeable while it runs (thread-safe). Request faults (429 storms,
/// 5xx) are counted and used up in order; region faults stay until cleared.
/// </summary>
public sealed class FaultPlan
{
    private readonly Lock gate = new();
    private readonly List<RequestFault> requestFaults = [];
    private readonly Dictionary<string, RegionFault> regions = new(StringComparer.OrdinalIgnoreCase);
    private int lostCreateAnswers;

    internal FaultPlan(IEnumerable<KeyValuePair<string, RegionFault>> initialRegionFaults)
    {
        foreach (var (region, fault) in initialRegionFaults)
        {
            regions[region] = fault with { };
        }
    }

    /// <summary>The next <paramref name="count"/> requests (of <paramref name="action"/> only, when given) get 429 with Retry-After.</summary>
    public void RateLimitStorm(int count, FlyAction? action = null) => AddRequestFault(count, 429, action);

    /// <summary>The next <paramref name="count"/> requests (of <paramref name="action"/> only, when given) fail with <paramref name="statusCode"/>.</summary>
    public void ServerErrors(int count, int statusCode = 500, FlyAction? action = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(statusCode, 500);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(statusCode, 599);
        AddRequestFault(count, statusCode, action);
    }

    /// <summary>
    /// The next <paramref name="count"/> creates make their machine and then answer 502, as a proxy
    /// that lost Fly's answer would: the ambiguous create a client must not answer with a twin.
    /// </summary>
    public void LoseCreateAnswers(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        lock (gate)
        {
            lostCreateAnswers += count;
        }
    }

    /// <summary>Uses up one lost create answer: true when this create's answer is to be lost.</summary>
    internal bool TakeLostCreateAnswer()
    {
        lock (gate)
        {
            if (lostCreateAnswers == 0)
            {
                return false;
            }

            lostCreateAnswers--;
            return true;
        }
    }

    public void CapacityError(string region, CapacityErrorKind kind) => Update(region, fault => fault with { CapacityError = kind });

    /// <summary>Machines in the region stay "created" for <paramref name="delay"/> before their process starts.</summary>
    public void SlowBoot(string region, TimeSpan delay) => Update(region, fault => fault with { BootDelay = delay });

    public void WorkerCrashes(string region, int exitCode = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(exitCode);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(exitCode, 255); // all a process can exit with
        Update(region, fault => fault with { Worker = WorkerFault.Crashes, CrashExitCode = exitCode });
    }

    public void LaunchFails(string region) => Update(region, fault => fault with { LaunchFails = true });

    /// <summary>Waits on the region's machines answer 400 or 412 at once, whatever the machine's state.</summary>
    public void WaitRefused(string region, int statusCode)
    {
        if (statusCode is not (400 or 412))
        {
            throw new ArgumentOutOfRangeException(nameof(statusCode), statusCode, "Fly refuses a wait with 400 or 412.");
        }

        Update(region, fault => fault with { WaitRefusedWith = statusCode });
    }

    public void NeverCallsBack(string region) => Update(region, fault => fault with { Worker = WorkerFault.NeverCallsBack });

    public void Hangs(string region) => Update(region, fault => fault with { Worker = WorkerFault.Hangs });

    public void ClearRegion(string region)
    {
        lock (gate)
        {
            regions.Remove(region);
        }
    }

    /// <summary>Removes every fault, counted or by region.</summary>
    public void Clear()
    {
        lock (gate)
        {
            requestFaults.Clear();
            regions.Clear();
            lostCreateAnswers = 0;
        }
    }

    public RegionFault ForRegion(string region)
    {
        lock (gate)
        {
            return regions.TryGetValue(region, out var fault) ? fault with { } : new RegionFault();
        }
    }

    /// <summary>Uses up one counted fault that applies to <paramref name="action"/>: the status to answer with, or null.</summary>
    internal int? TakeRequestFault(FlyAction action)
    {
        lock (gate)
        {
            var index = requestFaults.FindIndex(fault => fault.Action is null || fault.Action == action);
            if (index < 0)
            {
                return null;
            }

            var fault = requestFaults[index];
            if (fault.Remaining == 1)
            {
                requestFaults.RemoveAt(index);
            }
            else
            {
                requestFaults[index] = fault with { Remaining = fault.Remaining - 1 };
            }

            return fault.StatusCode;
        }
    }

    private void AddRequestFault(int count, int statusCode, FlyAction? action)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        lock (gate)
        {
            requestFaults.Add(new RequestFault(count, statusCode, action));
        }
    }

    private void Update(string region, Func<RegionFault, RegionFault> change)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(region);
        lock (gate)
        {
            regions[region] = change(regions.TryGetValue(region, out var fault) ? fault : new RegionFault());
        }
    }

    private sealed record RequestFault(int Remaining, int StatusCode, FlyAction? Action);
}

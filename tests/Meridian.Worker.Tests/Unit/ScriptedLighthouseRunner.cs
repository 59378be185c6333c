using Meridian.Contract.Jobs;
using Meridian.Worker.Lighthouse;
using Microsoft.Extensions.Time.Testing;

namespace Meridian.Worker.Tests.Unit;

/// <summary>
/// A Lighthouse that answers from a script: each run takes the next queued attempt, moves the fake
/// clock on by that run's duration, and is recorded, along with any run that starts while another
/// is still going.
/// </summary>
internal sealed class ScriptedLighthouseRunner(FakeTimeProvider time) : ILighthouseRunner
{
    private readonly Queue<(LighthouseAttempt Attempt, TimeSpan Duration, Action? During)> script = new();
    private readonly List<RunnerCall> calls = [];
    private int running;

    /// <summary>Length of a scripted run unless the script says otherwise.</summary>
    public static readonly TimeSpan DefaultDuration = TimeSpan.FromSeconds(15);

    public IReadOnlyList<RunnerCall> Calls => calls;

    /// <summary>The most runs that were going at the same moment.</summary>
    public int MostAtOnce { get; private set; }

    public ScriptedLighthouseRunner Succeeds(LighthouseReport? report = null, TimeSpan? duration = null, Action? during = null)
    {
        var taken = duration ?? DefaultDuration;
        script.Enqueue((LighthouseAttempt.Success(report ?? Lhr.Full().Parse(), taken), taken, during));
        return this;
    }

    public ScriptedLighthouseRunner Fails(string code, TimeSpan? duration = null, Action? during = null)
    {
        var taken = duration ?? DefaultDuration;
        script.Enqueue((LighthouseAttempt.Failed(code, $"Lighthouse failed with {code}.", taken), taken, during));
        return this;
    }

    public async Task<LighthouseAttempt> RunAsync(Uri target, FormFactor formFactor, string reportPath, TimeSpan timeout, CancellationToken cancellationToken)
    {
        calls.Add(new RunnerCall(target, formFactor, reportPath, timeout, time.GetUtcNow()));
        MostAtOnce = Math.Max(MostAtOnce, Interlocked.Increment(ref running));
        try
        {
            if (!script.TryDequeue(out var step))
            {
                throw new InvalidOperationException($"Run {calls.Count} was not in the script.");
            }

            // Gives a series that did not await this run the chance to start another meanwhile.
            await Task.Yield();
            step.During?.Invoke();
            time.Advance(step.Duration);
            return step.Attempt;
        }
        finally
        {
            Interlocked.Decrement(ref running);
        }
    }
}

/// <summary>One call to <see cref="ScriptedLighthouseRunner.RunAsync"/>, with the fake time it started at.</summary>
internal sealed record RunnerCall(Uri Target, FormFactor FormFactor, string ReportPath, TimeSpan Timeout, DateTimeOffset StartedAt);

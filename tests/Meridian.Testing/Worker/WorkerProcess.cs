using System.Diagnostics;

namespace Meridian.Testing.Worker;

/// <summary>Runs the worker (its own build output, copied to worker/ by worker/WorkerOutput.targets) as its own process, as a machine does.</summary>
public static class WorkerProcess
{
    /// <summary>
    /// Starts the worker with exactly <paramref name="environment"/> for its MERIDIAN_* and FLY_* variables,
    /// calls <paramref name="whileRunning"/> with its process id, and waits for it to exit.
    /// </summary>
    public static async Task<WorkerProcessRun> RunAsync(
        IEnumerable<KeyValuePair<string, string?>> environment,
        Func<int, Task>? whileRunning = null,
        TimeSpan? timeout = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "worker", "Meridian.Worker.dll"));

        // Nothing of the caller's own environment may leak into the job.
        foreach (var name in start.Environment.Keys.Where(name => name.StartsWith("MERIDIAN_", StringComparison.Ordinal) || name == "FLY_REGION").ToList())
        {
            start.Environment.Remove(name);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException("The worker did not start.");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout ?? TimeSpan.FromMinutes(5));
        try
        {
            if (whileRunning is not null)
            {
                await whileRunning(process.Id);
            }

            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return new WorkerProcessRun(process.ExitCode, await stdout + await stderr, clock.Elapsed);
    }
}

/// <summary>How a worker process ended and what it printed.</summary>
public sealed record WorkerProcessRun(int ExitCode, string Output, TimeSpan Wall);

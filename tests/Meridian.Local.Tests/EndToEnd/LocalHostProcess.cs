using System.Collections.Concurrent;
using System.Diagnostics;

namespace Meridian.Local.Tests.EndToEnd;

/// <summary>
/// <c>Meridian.Local</c> run as its own process, as a user runs it, its output a pipe (so the CLI
/// writes a line per event). Every process it starts inherits <see cref="Marker"/>, even one that
/// leaves its process group (Chromium does): what a test counts to see that nothing outlived the host.
/// </summary>
internal sealed class LocalHostProcess : IDisposable
{
    private const string MarkerName = "TEST_LOCAL_HOST_RUN";

    private readonly string markerValue = Guid.NewGuid().ToString("N");
    private readonly Process process;
    private readonly ConcurrentQueue<string> lines = new();
    private readonly SemaphoreSlim lineArrived = new(0);

    private LocalHostProcess(Process process) => this.process = process;

    /// <summary>NAME=value in the environment of the host and all it starts.</summary>
    public string Marker => $"{MarkerName}={markerValue}";

    public int Id => process.Id;

    public string Output => string.Join('\n', lines);

    /// <summary>The live processes this host started (the host itself excluded).</summary>
    public IReadOnlyList<int> Descendants => Processes.WithEnvironment(Marker).Where(pid => pid != process.Id).ToList();

    public static LocalHostProcess Start(IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        // As a terminal starts it: a test runner started in the background of a script inherits
        // SIGINT ignored (POSIX), and the host would rightly keep ignoring it. env execs, keeping the pid.
        var start = new ProcessStartInfo("env")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add("--default-signal=INT,TERM");
        start.ArgumentList.Add("dotnet");
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Meridian.Local.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        var host = new LocalHostProcess(new Process { StartInfo = start });
        start.Environment[MarkerName] = host.markerValue;
        host.process.OutputDataReceived += (_, line) => host.Add(line.Data);
        host.process.ErrorDataReceived += (_, line) => host.Add(line.Data);
        host.process.Start();
        host.process.BeginOutputReadLine();
        host.process.BeginErrorReadLine();
        return host;
    }

    /// <summary>Waits for a line of output that <paramref name="matches"/>; fails if the host exits first.</summary>
    public async Task WaitForLineAsync(Func<string, bool> matches, TimeSpan timeout)
    {
        using var limit = new CancellationTokenSource(timeout);
        while (!lines.Any(matches))
        {
            if (process.HasExited)
            {
                Assert.Fail($"The host exited ({process.ExitCode}) before printing the line awaited:\n{Output}");
            }

            try
            {
                await lineArrived.WaitAsync(TimeSpan.FromMilliseconds(250), limit.Token);
            }
            catch (OperationCanceledException)
            {
                Assert.Fail($"No such line within {timeout}:\n{Output}");
            }
        }
    }

    /// <summary>Waits for the host to exit (failing after <paramref name="timeout"/>) and returns its exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var limit = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"The host was still running {timeout} later:\n{Output}");
        }

        return process.ExitCode;
    }

    public void Dispose()
    {
        // Whatever a failed test left: the host and everything it started.
        Processes.KillAll(Processes.WithEnvironment(Marker));
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }

        process.Dispose();
        lineArrived.Dispose();
    }

    private void Add(string? line)
    {
        if (line is not null)
        {
            lines.Enqueue(line);
            lineArrived.Release();
        }
    }
}

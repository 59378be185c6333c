using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using Meridian.Core.Http;
using Meridian.Local.Processes;

namespace Meridian.Local.FunctionsHost;

/// <summary>
/// The Azure Functions host running an app's build output on 127.0.0.1: started in its own process
/// group, ready once the app's anonymous OpenAPI route answers, stopped with SIGTERM (then killed).
/// Keys, logs and state live in a folder of this run's own, so two hosts never share keys.
/// </summary>
public sealed class FunctionsHostProcess : IAsyncDisposable
{
    private const int KeptLines = 400;
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan KeyWait = TimeSpan.FromSeconds(60);

    private readonly GroupLeaderProcess process;
    private readonly Queue<string> lastLines = new();
    private readonly string stateDirectory;

    private FunctionsHostProcess(FunctionsHostInstallation installation, string scriptRoot, string environmentName, string stateDirectory, int port, Action<string>? onLine)
    {
        this.stateDirectory = stateDirectory;
        Port = port;
        BaseUrl = new Uri($"http://127.0.0.1:{port}/");
        var (program, arguments, environment) = Command(installation, scriptRoot, environmentName, stateDirectory, port);
        process = GroupLeaderProcess.Start(program, arguments, environment, scriptRoot, (line, _) =>
        {
            lock (lastLines)
            {
                lastLines.Enqueue(line);
                if (lastLines.Count > KeptLines)
                {
                    lastLines.Dequeue();
                }
            }

            onLine?.Invoke(line);
        });
    }

    public int Port { get; }

    /// <summary>The host's root, e.g. <c>http://127.0.0.1:7071/</c>; the app's routes are under <c>api/</c>.</summary>
    public Uri BaseUrl { get; }

    public bool HasExited => process.HasExited;

    /// <summary>The host's last output lines (its own log and the app's), oldest first.</summary>
    public IReadOnlyList<string> LastLines
    {
        get
        {
            lock (lastLines)
            {
                return [.. lastLines];
            }
        }
    }

    /// <summary>Starts the host on <paramref name="scriptRoot"/> (an app's build output with its local.settings.json) and waits until the app answers.</summary>
    /// <param name="environmentName">AZURE_FUNCTIONS_ENVIRONMENT: Development validates every service registration at start-up.</param>
    /// <exception cref="FunctionsHostStartException">The host exited, or the app did not answer within <paramref name="startTimeout"/>.</exception>
    public static async Task<FunctionsHostProcess> StartAsync(
        FunctionsHostInstallation installation,
        string scriptRoot,
        string environmentName,
        TimeSpan startTimeout,
        int port = 0,
        Action<string>? onLine = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(installation);
        ArgumentException.ThrowIfNullOrWhiteSpace(scriptRoot);
        ArgumentException.ThrowIfNullOrWhiteSpace(environmentName);
        var stateDirectory = Directory.CreateTempSubdirectory("meridian-functions-host-").FullName;
        var host = new FunctionsHostProcess(installation, scriptRoot, environmentName, stateDirectory, port == 0 ? LoopbackPort.PickFree() : port, onLine);
        try
        {
            await host.WaitUntilReadyAsync(startTimeout, cancellationToken);
            return host;
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
    }

    /// <summary>The host's default function key, which every Function-level route asks for.</summary>
    public Task<string> GetFunctionKeyAsync(CancellationToken cancellationToken = default) => ReadKeyAsync(master: false, cancellationToken);

    /// <summary>The host's master key: admin routes (<c>/admin/functions/{name}</c> runs a timer at once).</summary>
    public Task<string> GetMasterKeyAsync(CancellationToken cancellationToken = default) => ReadKeyAsync(master: true, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Signal(Signals.SigTerm);
            try
            {
                await process.Exited.WaitAsync(StopGrace);
            }
            catch (TimeoutException)
            {
                process.KillTree();
                await process.Exited;
            }
        }

        try
        {
            Directory.Delete(stateDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A log file still being closed: the folder is in the temp directory, left for the OS.
        }
    }

    private async Task WaitUntilReadyAsync(TimeSpan startTimeout, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = BaseUrl, Timeout = TimeSpan.FromSeconds(5) };
        var started = Stopwatch.StartNew();
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (process.HasExited)
            {
                throw Failure($"The Functions host exited with {await process.Exited} before the app answered.");
            }

            if (started.Elapsed > startTimeout)
            {
                throw Failure($"The Functions app did not answer within {startTimeout.TotalSeconds:0} s.");
            }

            try
            {
                // Anonymous, and answered by the app itself: 200 means the worker is up and its functions indexed.
                using var response = await http.GetAsync($"{ApiRoutes.Prefix}/{ApiRoutes.OpenApi}", cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // Listening, not answering yet.
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken);
        }
    }

    private FunctionsHostStartException Failure(string what) =>
        new($"{what} Its last output:{Environment.NewLine}{string.Join(Environment.NewLine, LastLines.TakeLast(60))}");

    private async Task<string> ReadKeyAsync(bool master, CancellationToken cancellationToken)
    {
        // Both hosts keep keys in files: Core Tools where FUNCTIONS_SECRETS_PATH says, func-host in its state folder.
        var file = Path.Combine(stateDirectory, "secrets", "host.json");
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            if (TryReadKey(file, master) is { } key)
            {
                return key;
            }

            if (deadline.Elapsed > KeyWait || process.HasExited)
            {
                throw Failure($"The Functions host wrote no {(master ? "master" : "default function")} key to {file}.");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken);
        }
    }

    /// <returns>The key, or null while the host has not written it (or is writing it).</returns>
    private static string? TryReadKey(string file, bool master)
    {
        try
        {
            using var secrets = JsonDocument.Parse(File.ReadAllText(file));
            var key = master
                ? secrets.RootElement.GetProperty("masterKey")
                : secrets.RootElement.GetProperty("functionKeys").EnumerateArray().FirstOrDefault(k => k.GetProperty("name").GetString() == "default");
            if (key.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            if (key.TryGetProperty("encrypted", out var encrypted) && encrypted.GetBoolean())
            {
                throw new FunctionsHostStartException($"The host's keys in {file} are encrypted; run it without WEBSITE_AUTH_ENCRYPTION_KEY.");
            }

            return key.GetProperty("value").GetString();
        }
        catch (Exception error) when (error is IOException or JsonException or KeyNotFoundException)
        {
            return null;
        }
    }

    private static (string Program, List<string> Arguments, Dictionary<string, string?> Environment) Command(
        FunctionsHostInstallation installation, string scriptRoot, string environmentName, string stateDirectory, int port)
    {
        var portText = port.ToString(CultureInfo.InvariantCulture);
        var environment = new Dictionary<string, string?>(StringComparer.Ordinal) { ["AZURE_FUNCTIONS_ENVIRONMENT"] = environmentName };
        if (installation.Kind == FunctionsHostKind.FuncHostLauncher)
        {
            environment["FUNC_HOST_STATE_DIR"] = stateDirectory;
            return (installation.Executable, ["start", "--script-root", scriptRoot, "--port", portText, "--env", environmentName], environment);
        }

        // Core Tools skips keys locally unless asked; with files as secret storage they land where we read them.
        environment["AzureWebJobsSecretStorageType"] = "files";
        environment["FUNCTIONS_SECRETS_PATH"] = Path.Combine(stateDirectory, "secrets");
        return (installation.Executable, ["start", "--port", portText, "--enableAuth"], environment);
    }
}

using System.Diagnostics.CodeAnalysis;
using Azure.Storage;
using Azure.Storage.Blobs;

namespace Meridian.Local.Azurite;

/// <summary>
/// Azurite's Blob, Queue and Table services running as one local process, each on a free loopback
/// port, for tests and the local host. A library, not a program: the caller starts it and disposes it,
/// and disposing it leaves no process behind and, unless the caller chose the data folder, no data either.
/// </summary>
public sealed class AzuriteServer : IAsyncDisposable
{
    /// <summary>Attempts at a port that turned out to be taken between being picked and bound.</summary>
    private const int PortAttempts = 5;

    /// <summary>Long enough for Azurite to save its metadata; an idle keep-alive connection can hold its close far longer.</summary>
    private static readonly TimeSpan GracefulStopTimeout = TimeSpan.FromSeconds(5);

    private readonly AzuriteProcess process;
    private readonly DataFolder data;
    private int disposed;

    private AzuriteServer(AzuriteProcess process, DataFolder data, AzuritePorts ports)
    {
        this.process = process;
        this.data = data;
        BlobEndpoint = ports.BlobEndpoint;
        QueueEndpoint = ports.QueueEndpoint;
        TableEndpoint = ports.TableEndpoint;
        ConnectionString = DevelopmentStorage.ConnectionString(BlobEndpoint, QueueEndpoint, TableEndpoint);
    }

    /// <summary>The account's Blob endpoint, path-style: <c>http://127.0.0.1:{port}/devstoreaccount1</c>.</summary>
    public Uri BlobEndpoint { get; }

    /// <summary>The account's Queue endpoint, path-style, on a port of its own.</summary>
    public Uri QueueEndpoint { get; }

    /// <summary>The account's Table endpoint, path-style, on a port of its own.</summary>
    public Uri TableEndpoint { get; }

    /// <summary>A connection string for the SDKs, the Functions host and the Durable task hub, naming the three endpoints.</summary>
    public string ConnectionString { get; }

    /// <summary>The emulator's well-known account, beside the endpoint so callers need nothing else.</summary>
    [SuppressMessage("Performance", "CA1822:Mark members as static", Justification = "A connection detail of this server, read beside BlobEndpoint.")]
    public string AccountName => DevelopmentStorage.AccountName;

    /// <summary>The emulator's well-known, published key: not a secret.</summary>
    [SuppressMessage("Performance", "CA1822:Mark members as static", Justification = "A connection detail of this server, read beside BlobEndpoint.")]
    public string AccountKey => DevelopmentStorage.AccountKey;

    /// <summary>Where Azurite keeps its data (its <c>--location</c>).</summary>
    public string DataDirectory => data.Path;

    /// <summary>Azurite's process id, which is also its process group's id.</summary>
    public int ProcessId => process.Id;

    /// <summary>
    /// Starts Azurite and returns once its Blob, Queue and Table endpoints answer. On a kept data folder it
    /// first kills the Azurite a host killed with SIGKILL left running there, found by its record in the
    /// folder (Azurite saves every 5 s, so a start within 5 s of that host's death may lose its last
    /// writes), and records the new one until dispose.
    /// </summary>
    /// <exception cref="AzuriteNotInstalledException">node is not on PATH or Azurite is not installed under the folder.</exception>
    /// <exception cref="AzuriteStartException">Azurite exited, or did not answer within the start timeout.</exception>
    /// <exception cref="TimeoutException">The Azurite left running on the data folder outlived SIGKILL by seconds.</exception>
    public static async Task<AzuriteServer> StartAsync(AzuriteServerOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.NodeModulesDirectory);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.StartTimeout, TimeSpan.Zero);
        if (options.InMemory && options.DataDirectory is not null)
        {
            throw new ArgumentException("Azurite keeps data either in memory or in a folder, not both.", nameof(options));
        }

        var installation = AzuriteInstallation.Locate(options.NodeModulesDirectory);
        var data = DataFolder.Open(options.DataDirectory);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(options.StartTimeout);
        try
        {
            if (data.ProcessGroups is { } leftovers)
            {
                // A host killed with SIGKILL leaves its Azurite running on the folder: a second one would corrupt
                // it. Asked to close first, it saves what it holds in memory (its last few seconds of writes).
                await leftovers.KillAsync(GracefulStopTimeout, cancellationToken);
            }

            for (var attempt = 1; ; attempt++)
            {
                if (await TryStartAsync(installation, data, options.InMemory, options.StartTimeout, deadline.Token, cancellationToken) is { } server)
                {
                    return server;
                }

                if (attempt == PortAttempts)
                {
                    throw new AzuriteStartException($"Azurite found one of its ports taken {PortAttempts} times in a row.");
                }
            }
        }
        catch
        {
            data.DeleteIfTemporary();
            throw;
        }
    }

    public BlobServiceClient CreateBlobServiceClient(BlobClientOptions? options = null) =>
        new(BlobEndpoint, new StorageSharedKeyCredential(AccountName, AccountKey), options);

    /// <summary>
    /// Stops Azurite and waits for it to exit, then deletes the data folder if it was a temporary one.
    /// Data in a caller's folder is kept, so Azurite is first asked to close and save it.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) != 0)
        {
            return;
        }

        await process.StopAsync(data.IsTemporary ? TimeSpan.Zero : GracefulStopTimeout);
        data.DeleteIfTemporary();
    }

    /// <returns>The server, or null when the port was taken before Azurite could bind it.</returns>
    private static async Task<AzuriteServer?> TryStartAsync(
        AzuriteInstallation installation, DataFolder data, bool inMemory, TimeSpan startTimeout, CancellationToken deadline, CancellationToken cancellationToken)
    {
        var ports = AzuritePorts.PickFree();
        var process = AzuriteProcess.Start(installation.NodePath, installation.Arguments(ports, data.Path, inMemory), data.Path, data.ProcessGroups);
        var started = false;
        try
        {
            if (await ServiceEndpointsProbe.WaitUntilAnsweringAsync(ports, process, deadline))
            {
                started = true;
                return new AzuriteServer(process, data, ports);
            }

            var exitCode = await process.Exited;
            if (process.Output.Contains("EADDRINUSE"))
            {
                // One of the three ports was taken; all three are picked again.
                return null;
            }

            throw new AzuriteStartException(
                $"Azurite exited with code {exitCode} before {Describe(ports)} answered. {process.Output.Describe()}");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new AzuriteStartException(
                $"Azurite did not answer on {Describe(ports)} within {startTimeout.TotalSeconds:0.###} s. {process.Output.Describe()}");
        }
        finally
        {
            if (!started)
            {
                await process.DisposeAsync();
            }
        }
    }

    private static string Describe(AzuritePorts ports) => $"{ports.BlobEndpoint}, {ports.QueueEndpoint} and {ports.TableEndpoint}";
}

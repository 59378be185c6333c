using System.Security.Cryptography;
using Azure.Storage.Blobs;
using Meridian.Contract.Delivery;
using Meridian.Contract.Jobs;
using Meridian.Core.Audits.Storage;
using Meridian.Core.Storage;
using Meridian.Local.Processes;
using Meridian.Testing.Storage;
using Meridian.Testing.Web;
using Meridian.Worker;
using Xunit;

namespace Meridian.Testing.Worker;

/// <summary>
/// What a worker needs around it, all real and on loopback: Azurite with the app's containers, the
/// test pages, and the app's SAS issuer and master key. Shared by the worker's integration tests and benchmark.
/// </summary>
public sealed class WorkerTestBed : IAsyncLifetime
{
    private readonly AzuriteFixture azurite = new();

    public byte[] MasterKey { get; } = RandomNumberGenerator.GetBytes(32);

    public BlobServiceClient Blobs { get; private set; } = null!;

    public LoopbackServer Pages { get; private set; } = null!;

    public BlobWorkerUploadUrlIssuer Issuer { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await azurite.InitializeAsync();
        Blobs = azurite.Server.CreateBlobServiceClient();
        await Blobs.GetBlobContainerClient(BlobLayout.ReportsContainer).CreateIfNotExistsAsync();
        await Blobs.GetBlobContainerClient(BlobLayout.DeliveriesContainer).CreateIfNotExistsAsync();
        Issuer = new BlobWorkerUploadUrlIssuer(Blobs, TimeProvider.System);
        Pages = await LoopbackServer.StartAsync(TestPages.Map);
    }

    public async Task DisposeAsync()
    {
        await Pages.DisposeAsync();
        await azurite.DisposeAsync();
    }

    public byte[] KeyFor(string auditId, string region) => CallbackSigningKey.Derive(MasterKey, auditId, region);

    /// <summary>The environment the app would give the machine, plus what a local run needs.</summary>
    public async Task<Dictionary<string, string?>> EnvironmentAsync(
        string auditId,
        Uri target,
        Uri callbackUrl,
        int runs = 1,
        string region = "iad",
        TimeSpan? deadlineIn = null,
        bool allowPrivateTargets = true)
    {
        var deadline = DateTimeOffset.UtcNow + (deadlineIn ?? TimeSpan.FromMinutes(5));
        var job = new WorkerJob(
            auditId,
            region,
            target,
            FormFactor.Mobile,
            runs,
            callbackUrl,
            CallbackSigningKey.ToText(KeyFor(auditId, region)),
            await Issuer.IssueAsync(auditId, region, deadline + TimeSpan.FromMinutes(5), CancellationToken.None),
            deadline);
        var environment = WorkerEnvironment.For(job).ToDictionary(pair => pair.Key, pair => (string?)pair.Value);
        environment[WorkerSettingsReader.AllowPrivateTargets] = allowPrivateTargets ? "true" : "false";
        return environment;
    }

    public BlobClient ReportBlob(string auditId, string region = "iad") =>
        Blobs.GetBlobContainerClient(BlobLayout.ReportsContainer).GetBlobClient(BlobLayout.ReportBlob(auditId, region));

    public BlobClient FallbackBlob(string auditId, string region = "iad") =>
        Blobs.GetBlobContainerClient(BlobLayout.DeliveriesContainer).GetBlobClient(BlobLayout.FallbackBlob(auditId, region));

    public static string NewAuditId() => "audit-" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>A loopback URL nothing listens on.</summary>
    public static Uri ClosedPortUrl(string path = "") => new($"http://127.0.0.1:{LoopbackPort.PickFree()}/{path}");
}

using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Azure.Storage.Blobs;
using Meridian.Local.Azurite;
using Meridian.Contract.Delivery;
using Meridian.Contract.Results;
using Meridian.Core.Audits;
using Meridian.Core.Audits.Api;
using Meridian.Core.Audits.Storage;
using Meridian.Core.Configuration;
using Meridian.Core.Ids;
using Meridian.Core.Machines;
using Meridian.Core.Regions;
using Meridian.Core.Serialization;
using Meridian.Local.FlyStandIn;
using Meridian.Local.Hosting;
using Meridian.Testing;
using Meridian.Testing.Audits;
using Meridian.Testing.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Meridian.Benchmarks;

/// <summary>
/// The local cloud end to end: (a) a 3-region audit of a local page, its wall next to the slowest
/// worker's own; (b) callback ingest on loopback with signature check and blob write; (c) an
/// 18-region audit with instant workers (the real worker, with a Lighthouse stand-in that answers at
/// once): wall and the host's peak memory.
/// </summary>
internal static partial class LocalBenchmark
{
    public static Command Command()
    {
        var callbacks = new Option<int>("--callbacks") { Description = "Callbacks to send in (b).", DefaultValueFactory = _ => 2000 };
        var parts = new Option<string>("--parts") { Description = "Which parts to run, e.g. 'b' or 'ac'.", DefaultValueFactory = _ => "abc" };
        var command = new Command("local", "Local cloud: 3-region audit overhead, callback ingest rate, 18 regions with instant workers.") { callbacks, parts };
        command.SetAction(async (parse, cancellation) => await RunAsync(parse.GetValue(callbacks), parse.GetValue(parts)!, cancellation));
        return command;
    }

    private static async Task<int> RunAsync(int callbacks, string parts, CancellationToken cancellation)
    {
        var data = Directory.CreateTempSubdirectory("meridian-bench-local-").FullName;
        try
        {
            if (parts.Contains('a', StringComparison.Ordinal))
            {
                await ThreeRegionsAsync(Path.Combine(data, "a"), cancellation);
            }

            if (parts.Contains('b', StringComparison.Ordinal))
            {
                await IngestAsync(Path.Combine(data, "b"), callbacks, cancellation);
            }

            if (parts.Contains('c', StringComparison.Ordinal))
            {
                await EighteenInstantAsync(Path.Combine(data, "c"), cancellation);
            }

            return 0;
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    internal static LocalCloudOptions Options(string data, ImageCommand? worker = null) => new()
    {
        DataDirectory = data,
        NodeModulesDirectory = RepositoryPaths.Combine("worker"),
        AllowPrivateTargets = true,
        WorkerCommand = worker,
    };

    private static async Task ThreeRegionsAsync(string data, CancellationToken cancellation)
    {
        await using var cloud = await LocalCloud.StartAsync(Options(data), cancellationToken: cancellation);
        using var http = new HttpClient { BaseAddress = cloud.BaseUrl };
        var clock = Stopwatch.StartNew();
        var state = await AuditAsync(http, new AuditRequest(new Uri(cloud.BaseUrl, DemoPage.Path).AbsoluteUri, ["iad", "lhr", "syd"], Runs: 1), cancellation);
        var wall = clock.Elapsed;
        var workers = cloud.Fly.Machines
            .Select(machine => machine.Output.Select(line => WorkerDone().Match(line.Text)).FirstOrDefault(match => match.Success))
            .Where(match => match is not null)
            .Select(match => double.Parse(match!.Groups[1].Value, CultureInfo.InvariantCulture))
            .ToList();
        var slowest = workers.Count > 0 ? workers.Max() : double.NaN;
        Console.WriteLine($"(a) 3-region audit of a local page, 1 run each: {state.Report?.Aggregates.Completed ?? 0}/3 completed");
        Console.WriteLine($"    end-to-end wall (POST to report)     : {wall.TotalSeconds,6:F1} s");
        Console.WriteLine($"    slowest worker's own wall            : {slowest,6:F1} s");
        Console.WriteLine($"    overhead (goal <= 2 s)               : {wall.TotalSeconds - slowest,6:F1} s (machine create pacing, boot, polling every 0.5 s)");
    }

    private static async Task IngestAsync(string data, int callbacks, CancellationToken cancellation)
    {
        // Each round on a fresh Azurite: its per-request cost grows with the blobs it holds, so rounds sharing one are not comparable.
        Console.WriteLine($"(b) callback ingest on loopback, {callbacks} signed first deliveries, 32 at a time (Azurite on the same 2 cores)");
        await using (var cloud = await LocalCloud.StartAsync(Options(Path.Combine(data, "here")), cancellationToken: cancellation))
        {
            // The audits were started by this host: their regions are in its memory.
            var round = await IngestRoundAsync(cloud, cloud.Services.GetRequiredService<IAuditStore>(), callbacks, cancellation);
            Console.WriteLine($"    audits started by this host (goal >= 500/s): {round}");
        }

        await using (var cloud = await LocalCloud.StartAsync(Options(Path.Combine(data, "elsewhere")), cancellationToken: cancellation))
        {
            // Started by another instance (a scaled-out Functions app): one document read per audit.
            using var otherInstance = new BlobAuditStore(cloud.Services.GetRequiredService<BlobServiceClient>(), TimeProvider.System);
            var round = await IngestRoundAsync(cloud, otherInstance, callbacks, cancellation);
            Console.WriteLine($"    audits started by another instance   : {round}");
        }

        await using var azurite = await AzuriteServer.StartAsync(new AzuriteServerOptions { NodeModulesDirectory = RepositoryPaths.Combine("worker") }, cancellation);
        var ceiling = await StorageCeilingAsync(azurite.CreateBlobServiceClient(), callbacks, cancellation);
        Console.WriteLine($"    Azurite alone (fresh), 32 at a time  : {ceiling.Writes,6:F0} conditional writes/s, {ceiling.Reads,6:F0} document reads/s");
    }

    private sealed record IngestRound(double Rate, int Accepted, int Sent, double HostCpuMs, double AzuriteCpuMs)
    {
        public override string ToString() =>
            $"{Rate,6:F0} requests/s, {Accepted}/{Sent} accepted; CPU per callback: host+client {HostCpuMs:F2} ms, Azurite {AzuriteCpuMs:F2} ms";
    }

    /// <summary>One audit per callback, so each one is a first delivery: signature, region check, blob write, event.</summary>
    private static async Task<IngestRound> IngestRoundAsync(LocalCloud cloud, IAuditStore writer, int callbacks, CancellationToken cancellation)
    {
        var masterKey = cloud.Services.GetRequiredService<IOptions<MeridianOptions>>().Value.CallbackMasterKey();
        var requests = new List<(string Path, byte[] Body, SignedHeaders Signed)>();
        foreach (var _ in Enumerable.Range(0, callbacks))
        {
            var auditId = AuditIds.New(TimeProvider.System);
            await writer.CreateAsync(SampleAudits.Document(auditId, regions: ["iad"]), cancellation);
            var body = JsonSerializer.SerializeToUtf8Bytes(
                new RegionResult(Guid.NewGuid().ToString("N"), auditId, "iad", true, null, SampleAudits.Summary(auditId, "iad", 0.93, 1500), DateTimeOffset.UtcNow),
                MeridianJson.Options);
            requests.Add(($"api/audits/{auditId}/regions/iad/result", body, CallbackSignature.Sign(CallbackSigningKey.Derive(masterKey, auditId, "iad"), DateTimeOffset.UtcNow, body)));
        }

        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64 }) { BaseAddress = cloud.BaseUrl };
        using var self = Process.GetCurrentProcess();
        using var azurite = Process.GetProcessById(cloud.Storage.ProcessId);
        var hostCpu = self.TotalProcessorTime;
        var azuriteCpu = azurite.TotalProcessorTime;
        var accepted = 0;
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(requests, new ParallelOptions { MaxDegreeOfParallelism = 32, CancellationToken = cancellation }, async (request, token) =>
        {
            using var message = new HttpRequestMessage(HttpMethod.Post, request.Path) { Content = new ByteArrayContent(request.Body) };
            message.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
            message.Headers.Add(CallbackSignature.TimestampHeader, request.Signed.Timestamp);
            message.Headers.Add(CallbackSignature.SignatureHeader, request.Signed.Signature);
            using var response = await http.SendAsync(message, token);
            if (response.StatusCode == HttpStatusCode.Accepted)
            {
                Interlocked.Increment(ref accepted);
            }
        });
        var wall = clock.Elapsed;
        self.Refresh();
        azurite.Refresh();
        return new IngestRound(
            callbacks / wall.TotalSeconds,
            accepted,
            callbacks,
            (self.TotalProcessorTime - hostCpu).TotalMilliseconds / callbacks,
            (azurite.TotalProcessorTime - azuriteCpu).TotalMilliseconds / callbacks);
    }

    /// <summary>What the storage emulator does by itself: the ceiling the callback's own rate is measured against.</summary>
    private static async Task<(double Writes, double Reads)> StorageCeilingAsync(BlobServiceClient blobs, int count, CancellationToken cancellation)
    {
        var container = blobs.GetBlobContainerClient("bench-ceiling");
        await container.CreateIfNotExistsAsync(cancellationToken: cancellation);
        var body = BinaryData.FromBytes(new byte[600]);
        var options = new ParallelOptions { MaxDegreeOfParallelism = 32, CancellationToken = cancellation };
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, count), options, async (index, token) =>
            await container.GetBlobClient($"w/{index}.json").UploadAsync(
                body,
                new Azure.Storage.Blobs.Models.BlobUploadOptions { Conditions = new Azure.Storage.Blobs.Models.BlobRequestConditions { IfNoneMatch = Azure.ETag.All } },
                token));
        var writes = count / clock.Elapsed.TotalSeconds;
        clock.Restart();
        await Parallel.ForEachAsync(Enumerable.Range(0, count), options, async (index, token) =>
            await container.GetBlobClient($"w/{index}.json").DownloadContentAsync(token));
        return (writes, count / clock.Elapsed.TotalSeconds);
    }

    private static async Task EighteenInstantAsync(string data, CancellationToken cancellation)
    {
        // The real worker with a Lighthouse stand-in that writes a canned report at once: no Chrome.
        var worker = InstantLighthouse.Worker(data);
        await using var cloud = await LocalCloud.StartAsync(Options(data, worker), cancellationToken: cancellation);
        using var http = new HttpClient { BaseAddress = cloud.BaseUrl };
        var regions = Core.Regions.RegionCatalog.All.Select(region => region.Code).ToList();
        var clock = Stopwatch.StartNew();
        var state = await AuditAsync(http, new AuditRequest(new Uri(cloud.BaseUrl, DemoPage.Path).AbsoluteUri, regions, Runs: 1), cancellation);
        var wall = clock.Elapsed;
        using var self = Process.GetCurrentProcess();
        Console.WriteLine($"(c) 18-region audit, instant workers (real worker process, canned Lighthouse report): {state.Report?.Aggregates.Completed ?? 0}/18 completed");
        Console.WriteLine($"    wall                                 : {wall.TotalSeconds,6:F1} s (creates paced at Fly's limit: burst 3, then 1 per 1.2 s = {CreatePacingFloor(regions.Count):F1} s)");
        Console.WriteLine($"    host peak memory (API, runner, stand-in, this process) : {self.PeakWorkingSet64 / (1024.0 * 1024.0):F0} MB");
    }

    private static double CreatePacingFloor(int regions) =>
        (Core.Machines.CreatePacing.FlyDefault.SlotFor(regions - 1, DateTime.UnixEpoch) - DateTime.UnixEpoch).TotalSeconds;

    internal static async Task<AuditView> AuditAsync(HttpClient http, AuditRequest request, CancellationToken cancellation)
    {
        using var started = await http.PostAsJsonAsync("api/audits", request, MeridianJson.Options, cancellation);
        var accepted = (await started.Content.ReadFromJsonAsync<AuditAcceptedView>(MeridianJson.Options, cancellation))!;
        while (true)
        {
            var state = (await http.GetFromJsonAsync<AuditView>(accepted.StatusUrl, MeridianJson.Options, cancellation))!;
            if (state.Status != "running")
            {
                return state;
            }

            await Task.Delay(100, cancellation);
        }
    }

    [GeneratedRegex(@"after ([0-9.]+) s; worker peak memory")]
    private static partial Regex WorkerDone();
}

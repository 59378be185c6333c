using Meridian.Contract.Delivery;
using Meridian.Core.Audits;
using Meridian.Core.Audits.Storage;
using Meridian.Core.Regions;
using Meridian.Core.Reports.PowerBi;
using Meridian.Core.Storage;
using Meridian.Local.Hosting;
using Meridian.Testing.Audits;
using Meridian.Testing.Orchestration;

namespace Meridian.Local.Tests.EndToEnd;

/// <summary>
/// The product end to end on one machine, every component real: Azurite, the Fly stand-in running the
/// worker per region, Chromium and Lighthouse, the in-process orchestration, the HTTP API.
/// </summary>
[Collection(EndToEnd.Name)]
public sealed class LocalAuditEndToEndTests : IDisposable
{
    private static readonly string[] Regions = ["iad", "lhr", "syd"];
    private readonly string data = Directory.CreateTempSubdirectory("meridian-e2e-").FullName;

    [Fact]
    public async Task A_local_page_audited_from_three_regions_ends_with_real_numbers_in_storage_the_csv_and_the_page()
    {
        await using var cloud = await LocalCloud.StartAsync(LocalAudits.Options(data));
        using var http = new HttpClient { BaseAddress = cloud.BaseUrl };
        var page = new Uri(cloud.BaseUrl, DemoPage.Path).AbsoluteUri;

        var auditId = await AuditCalls.StartAsync(http, new AuditRequest(page, Regions, Runs: 1));
        var state = await AuditCalls.WaitAsync(http, auditId, TimeSpan.FromMinutes(4));

        Assert.Equal("completed", state.Status);
        var report = Assert.IsType<AuditReport>(state.Report);
        Assert.Equal(3, report.Aggregates.Completed);
        Assert.All(report.Regions, region =>
        {
            Assert.Equal(RegionStatus.Completed, region.Status);
            Assert.Equal(ResultDelivery.Callback, region.Delivery);
            Assert.InRange(region.Summary!.PerformanceScore!.Value, 0.5, 1);
            Assert.InRange(region.Summary.LargestContentfulPaintMs!.Value, 1, 30_000);
            Assert.Equal($"{auditId}/{region.Region}.json.gz", region.Summary.ReportBlobName);
        });

        // The report in blob storage, and the Power BI rows that parse back with their types.
        var blobs = cloud.Storage.CreateBlobServiceClient();
        var stored = await new BlobAuditStore(blobs, TimeProvider.System).GetAsync(auditId, CancellationToken.None);
        Assert.Equal(AuditRecordStatus.Completed, stored!.Status);
        Assert.Equal(3, stored.Report!.Regions.Count(r => r.Status == RegionStatus.Completed));
        var csv = await blobs.GetBlobContainerClient(BlobLayout.RegionResultsContainer).GetBlobClient(BlobLayout.RegionResultsBlob(auditId)).DownloadContentAsync();
        var rows = PowerBiCsv.Read(csv.Value.Content.ToMemory());
        Assert.Equal(Regions, rows.Select(row => row.Region).Order());
        Assert.All(rows, row => Assert.True(row.PerformanceScore is >= 0.5 and <= 1));
        foreach (var region in Regions)
        {
            Assert.True(await blobs.GetBlobContainerClient(BlobLayout.ReportsContainer).GetBlobClient(BlobLayout.ReportBlob(auditId, region)).ExistsAsync());
        }

        // The report page the local host serves.
        var html = await http.GetStringAsync(ReportPages.PathFor(auditId));
        Assert.All(Regions, region => Assert.Contains($"data-region=\"{region}\"", html, StringComparison.Ordinal));

        // No machine is left in the stand-in.
        await Eventually.TrueAsync(() => cloud.Fly.Machines.All(machine => machine.State == "destroyed"), TimeSpan.FromSeconds(30));
    }

    public void Dispose() => Directory.Delete(data, recursive: true);
}

/// <summary>
/// Real audits run one test at a time: they share two cores with Chrome. ServeRestartTests is among
/// them though it runs no Chrome: its host comes back on the port the first one had, which a test
/// beside it could take in between.
/// </summary>
[CollectionDefinition(Name)]
public sealed class EndToEnd
{
    public const string Name = "Local end to end";
}

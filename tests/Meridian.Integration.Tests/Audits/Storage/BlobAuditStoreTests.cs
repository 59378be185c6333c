using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Meridian.Core.Audits;
using Meridian.Core.Audits.Storage;
using Meridian.Core.Regions;
using Meridian.Core.Reports;
using Meridian.Core.Reports.PowerBi;
using Meridian.Core.Serialization;
using Meridian.Core.Storage;
using Meridian.Integration.Tests.Monitors.Api;
using Meridian.Integration.Tests.Storage;
using Meridian.Testing.Audits;
using Meridian.Testing.Storage;

namespace Meridian.Integration.Tests.Audits.Storage;

/// <summary>Audit documents and report saving against real Azurite. Each test uses audit ids of its own.</summary>
public sealed class BlobAuditStoreTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private readonly BlobServiceClient blobs = azurite.Server.CreateBlobServiceClient();

    public Task InitializeAsync() => MeridianBlobContainers.EnsureCreatedAsync(blobs);

    public Task DisposeAsync() => Task.CompletedTask;

    private BlobAuditStore Store(BlobServiceClient? client = null) => new(client ?? blobs, TimeProvider.System);

    private AuditReportStore Reports() => new(Store(), blobs);

    private BlobClient Blob(string container, string name) => blobs.GetBlobContainerClient(container).GetBlobClient(name);

    [Fact]
    public async Task A_document_is_stored_on_the_day_path_of_its_id_and_found_from_the_id_alone()
    {
        var auditId = SampleAudits.IdAt(new DateTimeOffset(2026, 2, 28, 23, 30, 0, TimeSpan.Zero));
        var document = SampleAudits.Document(auditId, monitorId: "mon-1");

        await Store().CreateAsync(document, CancellationToken.None);

        Assert.True(await Blob(BlobLayout.AuditsContainer, $"2026/02/28/{auditId}.json").ExistsAsync());
        AssertSameDocument(document, await Store().GetAsync(auditId, CancellationToken.None));
    }

    [Fact]
    public async Task A_deleted_audit_is_gone_and_deleting_it_again_is_fine()
    {
        var auditId = SampleAudits.IdAt(SampleAudits.Day.AddMinutes(7));
        await Store().CreateAsync(SampleAudits.Document(auditId), CancellationToken.None);

        await Store().DeleteAsync(auditId, CancellationToken.None);
        await Store().DeleteAsync(auditId, CancellationToken.None);

        Assert.Null(await Store().GetAsync(auditId, CancellationToken.None));
    }

    [Fact]
    public async Task Creating_an_existing_audit_again_changes_nothing()
    {
        var auditId = SampleAudits.IdAt(SampleAudits.Day.AddMinutes(1));
        var first = SampleAudits.Document(auditId, url: "https://first.example/");
        await Store().CreateAsync(first, CancellationToken.None);

        await Store().CreateAsync(first with { Url = "https://second.example/" }, CancellationToken.None);

        AssertSameDocument(first, await Store().GetAsync(auditId, CancellationToken.None));
    }

    [Fact]
    public async Task An_unknown_id_is_null()
    {
        Assert.Null(await Store().GetAsync(SampleAudits.IdAt(SampleAudits.Day.AddMinutes(2)), CancellationToken.None));
    }

    [Theory]
    [InlineData("audit-1")]
    [InlineData("../../2026/11/23/x")]
    [InlineData("")]
    public async Task A_malformed_id_is_null_without_asking_storage(string auditId)
    {
        // Nothing listens on port 1: any request would throw.
        var unreachable = new BlobServiceClient(new Uri("http://127.0.0.1:1/devstoreaccount1"), new BlobClientOptions { Retry = { MaxRetries = 0 } });

        Assert.Null(await Store(unreachable).GetAsync(auditId, CancellationToken.None));
    }

    [Fact]
    public async Task The_blob_carries_the_url_status_and_monitor_as_metadata_for_listing()
    {
        var auditId = SampleAudits.IdAt(SampleAudits.Day.AddMinutes(3));
        await Store().CreateAsync(SampleAudits.Document(auditId, url: "https://shop.example/?a=1", monitorId: "mon-7"), CancellationToken.None);

        var metadata = (await Blob(BlobLayout.AuditsContainer, BlobLayout.AuditBlob(auditId)).GetPropertiesAsync()).Value.Metadata;

        Assert.Equal("https://shop.example/?a=1", metadata["url"]);
        Assert.Equal("running", metadata["status"]);
        Assert.Equal("mon-7", metadata["monitor_id"]);
        Assert.False(metadata.ContainsKey("median_score"));
    }

    [Fact]
    public async Task A_url_metadata_cannot_carry_is_stored_as_base64url()
    {
        var auditId = SampleAudits.IdAt(SampleAudits.Day.AddMinutes(4));
        await Store().CreateAsync(SampleAudits.Document(auditId, url: SampleAudits.AwkwardUrl), CancellationToken.None);

        var metadata = (await Blob(BlobLayout.AuditsContainer, BlobLayout.AuditBlob(auditId)).GetPropertiesAsync()).Value.Metadata;

        Assert.False(metadata.ContainsKey("url"));
        Assert.Equal(SampleAudits.AwkwardUrl, System.Text.Encoding.UTF8.GetString(System.Buffers.Text.Base64Url.DecodeFromChars(metadata["url_b64"])));
    }

    [Fact]
    public async Task Saving_the_report_completes_the_document_and_keeps_what_only_the_document_knew()
    {
        var auditId = SampleAudits.IdAt(SampleAudits.Day.AddMinutes(5));
        var document = SampleAudits.Document(auditId, monitorId: "mon-3");
        await Store().CreateAsync(document, CancellationToken.None);
        var report = SampleAudits.Report(auditId);

        await Store().CompleteAsync(report, CancellationToken.None);

        var saved = await Store().GetAsync(auditId, CancellationToken.None);
        Assert.Equal(AuditRecordStatus.Completed, saved!.Status);
        Assert.Equal(("mon-3", 600), (saved.MonitorId, saved.DeadlineSeconds));
        Assert.Equal(Json(report), Json(saved.Report!));
        var metadata = (await Blob(BlobLayout.AuditsContainer, BlobLayout.AuditBlob(auditId)).GetPropertiesAsync()).Value.Metadata;
        Assert.Equal("completed", metadata["status"]);
        Assert.Equal(report.Aggregates.MedianPerformanceScore, double.Parse(metadata["median_score"], System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Storing_the_report_writes_the_regions_rows_as_csv_in_the_day_folder_with_the_documents_monitor()
    {
        var auditId = SampleAudits.IdAt(new DateTimeOffset(2026, 7, 4, 8, 0, 0, TimeSpan.Zero));
        await Store().CreateAsync(SampleAudits.Document(auditId, monitorId: "mon-9"), CancellationToken.None);
        var report = SampleAudits.Report(auditId);

        await Reports().SaveAsync(report, CancellationToken.None);

        var csv = (await Blob(BlobLayout.RegionResultsContainer, $"year=2026/month=07/day=04/{auditId}.csv").DownloadContentAsync()).Value;
        Assert.Equal(PowerBiCsv.ContentType, csv.Details.ContentType);
        Assert.Equal(PowerBiRows.From(report, "mon-9"), PowerBiCsv.Read(csv.Content.ToMemory()));
    }

    [Fact]
    public async Task Saving_the_same_report_twice_gives_the_same_document_and_rows()
    {
        var auditId = SampleAudits.IdAt(SampleAudits.Day.AddMinutes(6));
        await Store().CreateAsync(SampleAudits.Document(auditId), CancellationToken.None);
        var report = SampleAudits.Report(auditId);
        await Reports().SaveAsync(report, CancellationToken.None);
        var firstDocument = (await Blob(BlobLayout.AuditsContainer, BlobLayout.AuditBlob(auditId)).DownloadContentAsync()).Value.Content.ToString();
        var firstRows = (await Blob(BlobLayout.RegionResultsContainer, BlobLayout.RegionResultsBlob(auditId)).DownloadContentAsync()).Value.Content.ToString();

        await Reports().SaveAsync(report, CancellationToken.None);

        Assert.Equal(firstDocument, (await Blob(BlobLayout.AuditsContainer, BlobLayout.AuditBlob(auditId)).DownloadContentAsync()).Value.Content.ToString());
        Assert.Equal(firstRows, (await Blob(BlobLayout.RegionResultsContainer, BlobLayout.RegionResultsBlob(auditId)).DownloadContentAsync()).Value.Content.ToString());
    }

    [Fact]
    public async Task Saving_a_report_whose_start_was_never_recorded_builds_the_document_from_the_report()
    {
        var auditId = SampleAudits.IdAt(SampleAudits.Day.AddMinutes(7));
        var report = SampleAudits.Report(auditId);

        await Store().CompleteAsync(report, CancellationToken.None);

        var saved = await Store().GetAsync(auditId, CancellationToken.None);
        Assert.Equal(AuditRecordStatus.Completed, saved!.Status);
        Assert.Equal(report.Url, saved.Url);
        Assert.Equal(report.Regions.Select(r => r.Region), saved.Regions);
        Assert.Null(saved.MonitorId);
        Assert.Equal(SampleAudits.Day.AddMinutes(7), saved.CreatedAt);
    }

    [Fact]
    public async Task A_write_between_the_saves_read_and_its_write_is_detected_and_the_save_retried_on_the_new_document()
    {
        var auditId = SampleAudits.IdAt(SampleAudits.Day.AddMinutes(8));
        var document = SampleAudits.Document(auditId);
        await Store().CreateAsync(document, CancellationToken.None);
        var concurrentWrites = 0;
        var hook = new RequestHook(
            request => RequestHook.IsConditionalPut(request, BlobLayout.AuditsContainer),
            async _ =>
            {
                // Once: another writer replaces the document after the store read it.
                if (concurrentWrites++ == 0)
                {
                    await Overwrite(auditId, document with { MonitorId = "mon-late" });
                }
            });

        await Store(HookedClient(hook)).CompleteAsync(SampleAudits.Report(auditId), CancellationToken.None);

        Assert.Equal(2, hook.Matched);
        var saved = await Store().GetAsync(auditId, CancellationToken.None);
        Assert.Equal(AuditRecordStatus.Completed, saved!.Status);
        Assert.Equal("mon-late", saved.MonitorId);
    }

    [Fact]
    public async Task A_document_that_changes_under_every_attempt_fails_the_save_without_overwriting_it()
    {
        var auditId = SampleAudits.IdAt(SampleAudits.Day.AddMinutes(9));
        var document = SampleAudits.Document(auditId);
        await Store().CreateAsync(document, CancellationToken.None);
        var hook = new RequestHook(
            request => RequestHook.IsConditionalPut(request, BlobLayout.AuditsContainer),
            _ => Overwrite(auditId, document with { MonitorId = "mon-busy" }));

        await Assert.ThrowsAsync<InvalidOperationException>(() => Store(HookedClient(hook)).CompleteAsync(SampleAudits.Report(auditId), CancellationToken.None));

        Assert.Equal(BlobAuditStore.MaxSaveAttempts, hook.Matched);
        Assert.Equal(AuditRecordStatus.Running, (await Store().GetAsync(auditId, CancellationToken.None))!.Status);
        Assert.False(await Blob(BlobLayout.RegionResultsContainer, BlobLayout.RegionResultsBlob(auditId)).ExistsAsync());
    }

    [Fact]
    public async Task Two_saves_racing_both_succeed_and_leave_a_completed_document()
    {
        var auditId = SampleAudits.IdAt(SampleAudits.Day.AddMinutes(10));
        await Store().CreateAsync(SampleAudits.Document(auditId, monitorId: "mon-r"), CancellationToken.None);
        var report = SampleAudits.Report(auditId);

        await Task.WhenAll(Store().CompleteAsync(report, CancellationToken.None), Store().CompleteAsync(report, CancellationToken.None));

        var saved = await Store().GetAsync(auditId, CancellationToken.None);
        Assert.Equal((AuditRecordStatus.Completed, "mon-r"), (saved!.Status, saved.MonitorId));
        Assert.Equal(Json(report), Json(saved.Report!));
    }

    [Fact]
    public async Task A_report_with_a_malformed_id_is_refused()
    {
        var report = SampleAudits.Report(SampleAudits.IdAt(SampleAudits.Day)) with { AuditId = "audit-1" };

        await Assert.ThrowsAsync<ArgumentException>(() => Store().CompleteAsync(report, CancellationToken.None));
    }

    private BlobServiceClient HookedClient(RequestHook hook)
    {
        var options = new BlobClientOptions();
        options.AddPolicy(hook, Azure.Core.HttpPipelinePosition.PerCall);
        return azurite.Server.CreateBlobServiceClient(options);
    }

    private async Task Overwrite(string auditId, AuditRecord document) =>
        await Blob(BlobLayout.AuditsContainer, BlobLayout.AuditBlob(auditId)).UploadAsync(
            BinaryData.FromObjectAsJson(document, MeridianJson.Options),
            new BlobUploadOptions { Metadata = new Dictionary<string, string> { ["url"] = document.Url, ["status"] = "running" } });

    private static string Json<T>(T value) => JsonSerializer.Serialize(value, MeridianJson.Options);

    private static void AssertSameDocument(AuditRecord expected, AuditRecord? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(Json(expected), Json(actual));
    }
}

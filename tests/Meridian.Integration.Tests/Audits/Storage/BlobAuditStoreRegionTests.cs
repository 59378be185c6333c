using Azure.Storage.Blobs;
using Meridian.Core.Audits.Storage;
using Meridian.Core.Storage;
using Meridian.Integration.Tests.Monitors.Api;
using Meridian.Integration.Tests.Storage;
using Meridian.Testing.Audits;
using Meridian.Testing.Storage;

namespace Meridian.Integration.Tests.Audits.Storage;

/// <summary>
/// The audit's regions as the worker callback asks for them on every delivery: from memory when this
/// store wrote or already read the document, from storage otherwise. Real Azurite; reads are counted.
/// </summary>
public sealed class BlobAuditStoreRegionTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private readonly RequestHook downloads = new(request => RequestHook.IsDownload(request, BlobLayout.AuditsContainer), _ => Task.CompletedTask);

    public Task InitializeAsync() => MeridianBlobContainers.EnsureCreatedAsync(azurite.Server.CreateBlobServiceClient());

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task The_store_that_created_an_audit_answers_its_regions_without_reading_storage()
    {
        using var store = CountingStore();
        var auditId = SampleAudits.IdAt(SampleAudits.Day.AddHours(3));
        await store.CreateAsync(SampleAudits.Document(auditId, regions: ["iad", "syd"]), CancellationToken.None);

        var regions = await store.GetRegionsAsync(auditId, CancellationToken.None);

        Assert.Equal(["iad", "syd"], regions!.Order(StringComparer.Ordinal));
        Assert.Equal(0, downloads.Matched);
    }

    [Fact]
    public async Task Another_stores_audit_is_read_once_and_then_answered_from_memory()
    {
        var auditId = SampleAudits.IdAt(SampleAudits.Day.AddHours(3).AddMinutes(1));
        using (var writer = new BlobAuditStore(azurite.Server.CreateBlobServiceClient(), TimeProvider.System))
        {
            await writer.CreateAsync(SampleAudits.Document(auditId, regions: ["lhr", "nrt", "gru"]), CancellationToken.None);
        }

        using var store = CountingStore();
        foreach (var _ in Enumerable.Range(0, 3))
        {
            Assert.Equal(["gru", "lhr", "nrt"], (await store.GetRegionsAsync(auditId, CancellationToken.None))!.Order(StringComparer.Ordinal));
        }

        Assert.Equal(1, downloads.Matched);
    }

    [Fact]
    public async Task An_unknown_audit_is_null_and_found_once_it_is_written()
    {
        using var store = CountingStore();
        var auditId = SampleAudits.IdAt(SampleAudits.Day.AddHours(3).AddMinutes(2));

        Assert.Null(await store.GetRegionsAsync(auditId, CancellationToken.None));
        using (var writer = new BlobAuditStore(azurite.Server.CreateBlobServiceClient(), TimeProvider.System))
        {
            await writer.CreateAsync(SampleAudits.Document(auditId, regions: ["ams"]), CancellationToken.None);
        }

        Assert.Equal(["ams"], await store.GetRegionsAsync(auditId, CancellationToken.None));
    }

    [Fact]
    public async Task A_deleted_audit_has_no_regions_any_more()
    {
        using var store = CountingStore();
        var auditId = SampleAudits.IdAt(SampleAudits.Day.AddHours(3).AddMinutes(3));
        await store.CreateAsync(SampleAudits.Document(auditId, regions: ["iad"]), CancellationToken.None);
        Assert.NotNull(await store.GetRegionsAsync(auditId, CancellationToken.None));

        await store.DeleteAsync(auditId, CancellationToken.None);

        Assert.Null(await store.GetRegionsAsync(auditId, CancellationToken.None));
    }

    [Fact]
    public async Task A_second_create_with_other_regions_does_not_replace_the_stored_ones()
    {
        using var store = CountingStore();
        var auditId = SampleAudits.IdAt(SampleAudits.Day.AddHours(3).AddMinutes(4));
        using (var writer = new BlobAuditStore(azurite.Server.CreateBlobServiceClient(), TimeProvider.System))
        {
            await writer.CreateAsync(SampleAudits.Document(auditId, regions: ["iad"]), CancellationToken.None);
        }

        await store.CreateAsync(SampleAudits.Document(auditId, regions: ["syd"]), CancellationToken.None);

        Assert.Equal(["iad"], await store.GetRegionsAsync(auditId, CancellationToken.None));
    }

    private BlobAuditStore CountingStore()
    {
        var options = new BlobClientOptions();
        options.AddPolicy(downloads, Azure.Core.HttpPipelinePosition.PerCall);
        return new BlobAuditStore(azurite.Server.CreateBlobServiceClient(options), TimeProvider.System);
    }
}

using System.Text;
using System.Text.Json;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Meridian.Contract;
using Meridian.Contract.Delivery;
using Meridian.Contract.Results;
using Meridian.Core.Configuration;
using Meridian.Core.Deliveries;
using Meridian.Core.Ids;
using Meridian.Core.Regions;
using Meridian.Core.Storage;
using Meridian.Testing.Audits;
using Meridian.Testing.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Meridian.Integration.Tests.Deliveries;

/// <summary>Region results kept by the callback and left by workers, against real Azurite. Each test uses an audit id of its own.</summary>
public sealed class BlobRegionResultStoreTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 30, 0, TimeSpan.Zero);

    private static readonly MeridianOptions Options = new()
    {
        CallbackBaseUrl = new Uri("https://meridian.example/"),
        CallbackSigningKey = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray()),
    };

    private readonly BlobServiceClient blobs = azurite.Server.CreateBlobServiceClient();
    private readonly FakeTimeProvider time = new(Now);
    private readonly FakeLogger<BlobDeliveryStore> logger = new();

    public Task InitializeAsync() => MeridianBlobContainers.EnsureCreatedAsync(blobs);

    public Task DisposeAsync() => Task.CompletedTask;

    private BlobDeliveryStore Store => new(blobs, Microsoft.Extensions.Options.Options.Create(Options), time, logger);

    [Fact]
    public async Task A_stored_result_keeps_the_exact_bytes_and_the_signature_as_metadata()
    {
        var auditId = NewAuditId();
        var body = Encoding.UTF8.GetBytes("{ \"resultId\" : \"r-1\",\n  \"auditId\": \"" + auditId + "\" }  ");
        var signature = Sign(auditId, "iad", body, Now);

        var outcome = await Store.StoreAsync(auditId, "iad", "r-1", body, signature, CancellationToken.None);

        Assert.Equal(DeliveryStoreOutcome.Stored, outcome);
        var stored = (await Delivery($"{auditId}/iad/callback.json").DownloadContentAsync()).Value;
        Assert.Equal(body, stored.Content.ToArray());
        Assert.Equal(FallbackBlobFormat.ContentType, stored.Details.ContentType);
        Assert.Equal(signature.Timestamp, stored.Details.Metadata[FallbackBlobFormat.TimestampMetadata]);
        Assert.Equal(signature.Signature, stored.Details.Metadata[FallbackBlobFormat.SignatureMetadata]);
        Assert.Equal("r-1", stored.Details.Metadata[BlobDeliveryStore.ResultIdMetadata]);
    }

    [Fact]
    public async Task The_same_result_delivered_again_is_a_duplicate_and_changes_nothing()
    {
        var auditId = NewAuditId();
        var body = Body(Result(auditId, "lhr", "r-1"));
        await Store.StoreAsync(auditId, "lhr", "r-1", body, Sign(auditId, "lhr", body, Now), CancellationToken.None);
        var before = (await Delivery($"{auditId}/lhr/callback.json").GetPropertiesAsync()).Value.ETag;

        var outcome = await Store.StoreAsync(auditId, "lhr", "r-1", body, Sign(auditId, "lhr", body, Now.AddSeconds(5)), CancellationToken.None);

        Assert.Equal(DeliveryStoreOutcome.Duplicate, outcome);
        Assert.Equal(before, (await Delivery($"{auditId}/lhr/callback.json").GetPropertiesAsync()).Value.ETag);
    }

    [Fact]
    public async Task A_different_result_for_a_region_that_has_one_is_a_conflict_and_changes_nothing()
    {
        var auditId = NewAuditId();
        var first = Body(Result(auditId, "syd", "r-1"));
        var second = Body(Result(auditId, "syd", "r-2"));
        await Store.StoreAsync(auditId, "syd", "r-1", first, Sign(auditId, "syd", first, Now), CancellationToken.None);

        var outcome = await Store.StoreAsync(auditId, "syd", "r-2", second, Sign(auditId, "syd", second, Now), CancellationToken.None);

        Assert.Equal(DeliveryStoreOutcome.Conflict, outcome);
        Assert.Equal(first, (await Delivery($"{auditId}/syd/callback.json").DownloadContentAsync()).Value.Content.ToArray());
    }

    [Fact]
    public async Task The_same_result_id_with_another_body_is_a_conflict_and_changes_nothing()
    {
        var auditId = NewAuditId();
        var first = Body(Result(auditId, "fra", "r-1"));
        var second = Body(Result(auditId, "fra", "r-1") with { Succeeded = false, FailureReason = "forged", Summary = null });
        await Store.StoreAsync(auditId, "fra", "r-1", first, Sign(auditId, "fra", first, Now), CancellationToken.None);

        var outcome = await Store.StoreAsync(auditId, "fra", "r-1", second, Sign(auditId, "fra", second, Now), CancellationToken.None);

        Assert.Equal(DeliveryStoreOutcome.Conflict, outcome);
        Assert.Equal(first, (await Delivery($"{auditId}/fra/callback.json").DownloadContentAsync()).Value.Content.ToArray());
    }

    [Fact]
    public async Task A_result_the_callback_stored_is_found()
    {
        var auditId = NewAuditId();
        var result = Result(auditId, "iad", "r-cb");
        var body = Body(result);
        await Store.StoreAsync(auditId, "iad", "r-cb", body, Sign(auditId, "iad", body, Now), CancellationToken.None);

        Assert.Equal(result, await Store.FindAsync(auditId, "iad", CancellationToken.None));
    }

    [Fact]
    public async Task The_callbacks_result_is_preferred_to_the_workers_fallback()
    {
        var auditId = NewAuditId();
        var viaCallback = Result(auditId, "iad", "r-cb");
        await LeaveFallback(auditId, "iad", Body(Result(auditId, "iad", "r-fb")), Now);
        await Store.StoreAsync(auditId, "iad", "r-cb", Body(viaCallback), Sign(auditId, "iad", Body(viaCallback), Now), CancellationToken.None);

        Assert.Equal(viaCallback, await Store.FindAsync(auditId, "iad", CancellationToken.None));
    }

    [Fact]
    public async Task A_workers_fallback_is_found_when_the_callback_stored_nothing()
    {
        var auditId = NewAuditId();
        var result = Result(auditId, "gru", "r-fb");
        await LeaveFallback(auditId, "gru", Body(result), Now.AddMinutes(-20));

        Assert.Equal(result, await Store.FindAsync(auditId, "gru", CancellationToken.None));
    }

    [Fact]
    public async Task A_region_with_nothing_stored_is_null()
    {
        Assert.Null(await Store.FindAsync(NewAuditId(), "nrt", CancellationToken.None));
        Assert.Empty(logger.Collector.GetSnapshot());
    }

    [Fact]
    public async Task A_callback_blob_whose_signature_does_not_match_is_ignored_for_a_valid_fallback()
    {
        var auditId = NewAuditId();
        var forged = Body(Result(auditId, "iad", "r-forged"));
        var genuine = Result(auditId, "iad", "r-fb");
        var signature = Sign(auditId, "iad", Body(Result(auditId, "iad", "r-other")), Now);
        await Store.StoreAsync(auditId, "iad", "r-forged", forged, signature, CancellationToken.None);
        await LeaveFallback(auditId, "iad", Body(genuine), Now);

        Assert.Equal(genuine, await Store.FindAsync(auditId, "iad", CancellationToken.None));
        var warning = Assert.Single(logger.Collector.GetSnapshot());
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Contains("callback.json", warning.Message, StringComparison.Ordinal);
        Assert.Contains(nameof(SignatureVerdict.Mismatch), warning.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(signature.Signature[3..], warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_fallback_signed_with_another_regions_key_is_ignored()
    {
        var auditId = NewAuditId();
        var body = Body(Result(auditId, "iad", "r-fb"));
        await LeaveFallback(auditId, "iad", body, Now, signingRegion: "lhr");

        Assert.Null(await Store.FindAsync(auditId, "iad", CancellationToken.None));
        Assert.Contains(nameof(SignatureVerdict.Mismatch), Assert.Single(logger.Collector.GetSnapshot()).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_fallback_without_signature_metadata_is_ignored()
    {
        var auditId = NewAuditId();
        await Delivery($"{auditId}/iad/fallback.json").UploadAsync(BinaryData.FromBytes(Body(Result(auditId, "iad", "r-fb"))));

        Assert.Null(await Store.FindAsync(auditId, "iad", CancellationToken.None));
        Assert.Contains(nameof(SignatureVerdict.Missing), Assert.Single(logger.Collector.GetSnapshot()).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"resultId\": \"r-1\", \"auditId\": ")]
    [InlineData("not json")]
    [InlineData("null")]
    [InlineData("{}")]
    [InlineData("{\"resultId\": 5}")]
    public async Task A_signed_blob_that_is_not_a_region_result_is_ignored(string content)
    {
        var auditId = NewAuditId();
        await LeaveFallback(auditId, "iad", Encoding.UTF8.GetBytes(content), Now);

        Assert.Null(await Store.FindAsync(auditId, "iad", CancellationToken.None));
        Assert.Contains("not JSON of a region result", Assert.Single(logger.Collector.GetSnapshot()).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-23 * 60, true)]
    [InlineData(-25 * 60, false)]
    public async Task A_signature_is_accepted_for_24_hours_after_signing(int minutesAgo, bool accepted)
    {
        var auditId = NewAuditId();
        var result = Result(auditId, "ams", "r-fb");
        await LeaveFallback(auditId, "ams", Body(result), Now.AddMinutes(minutesAgo));

        Assert.Equal(accepted ? result : null, await Store.FindAsync(auditId, "ams", CancellationToken.None));
    }

    [Fact]
    public async Task A_region_is_found_whatever_the_case_of_its_code()
    {
        var auditId = NewAuditId();
        var result = Result(auditId, "cdg", "r-fb");
        await LeaveFallback(auditId, "cdg", Body(result), Now);

        Assert.Equal(result, await Store.FindAsync(auditId, "CDG", CancellationToken.None));
    }

    [Theory]
    [InlineData("xyz")]
    [InlineData("../iad")]
    public async Task An_unknown_region_is_refused(string region)
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Store.FindAsync(NewAuditId(), region, CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentException>(() => Store.StoreAsync(NewAuditId(), region, "r-1", new byte[] { 1 }, new SignedHeaders("1", "v1=00"), CancellationToken.None));
    }

    private static string NewAuditId() => AuditIds.New(TimeProvider.System);

    private static RegionResult Result(string auditId, string region, string resultId) =>
        new(resultId, auditId, region, Succeeded: true, FailureReason: null, SampleAudits.Summary(auditId, region, 0.91, 1800.5), Now.AddMinutes(-2));

    private static byte[] Body(RegionResult result) => JsonSerializer.SerializeToUtf8Bytes(result, ContractJson.Options);

    private static SignedHeaders Sign(string auditId, string region, byte[] body, DateTimeOffset signedAt) =>
        CallbackSignature.Sign(CallbackSigningKey.Derive(Options.CallbackMasterKey(), auditId, region), signedAt, body);

    /// <summary>What the worker does when the callback is unreachable (worker/…/FallbackWriter.cs): the signed body, the signature as metadata.</summary>
    private async Task LeaveFallback(string auditId, string region, byte[] body, DateTimeOffset signedAt, string? signingRegion = null)
    {
        var signature = Sign(auditId, signingRegion ?? region, body, signedAt);
        await Delivery(BlobLayout.FallbackBlob(auditId, region)).UploadAsync(
            BinaryData.FromBytes(body),
            new BlobUploadOptions
            {
                HttpHeaders = new BlobHttpHeaders { ContentType = FallbackBlobFormat.ContentType },
                Metadata = new Dictionary<string, string>
                {
                    [FallbackBlobFormat.TimestampMetadata] = signature.Timestamp,
                    [FallbackBlobFormat.SignatureMetadata] = signature.Signature,
                },
            });
    }

    private BlobClient Delivery(string name) => blobs.GetBlobContainerClient(BlobLayout.DeliveriesContainer).GetBlobClient(name);
}

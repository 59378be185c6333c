using System.Buffers.Text;
using System.Text;
using Azure.Storage.Blobs;
using Meridian.Core.Audits;
using Meridian.Core.Audits.Storage;
using Meridian.Core.Storage;
using Meridian.Integration.Tests.Monitors.Api;
using Meridian.Integration.Tests.Storage;
using Meridian.Testing.Audits;
using Meridian.Testing.Storage;
using Microsoft.Extensions.Time.Testing;

namespace Meridian.Integration.Tests.Audits.Storage;

/// <summary>
/// Listing audits against real Azurite. Tests share one Azurite, so each lists a year of its own:
/// its clock stands at the end of that year and its Since at the start.
/// </summary>
public sealed class BlobAuditStoreListTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private readonly BlobServiceClient blobs = azurite.Server.CreateBlobServiceClient();

    public Task InitializeAsync() => MeridianBlobContainers.EnsureCreatedAsync(blobs);

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Audits_since_a_time_are_listed_oldest_first_across_days_and_months()
    {
        var (store, _) = StoreAtEndOf(2031);
        var ids = await CreateAt(store, At(2031, 1, 3, 10), At(2031, 1, 3, 12), At(2031, 1, 5, 0), At(2031, 2, 2, 9), At(2031, 12, 31, 23));

        var page = await store.ListAsync(new(At(2031, 1, 3, 11), null, null, 100), CancellationToken.None);

        Assert.Equal(ids[1..], page.Items.Select(item => item.AuditId));
        Assert.Null(page.ContinuationToken);
        Assert.Equal(At(2031, 1, 3, 12), page.Items[0].CreatedAt);
    }

    [Fact]
    public async Task Audits_after_the_clocks_today_are_not_listed()
    {
        var (store, _) = StoreAtEndOf(2032);
        var ids = await CreateAt(store, At(2032, 6, 1, 0), At(2033, 1, 1, 0));

        var page = await store.ListAsync(new(At(2032, 1, 1, 0), null, null, 100), CancellationToken.None);

        Assert.Equal([ids[0]], page.Items.Select(item => item.AuditId));
    }

    [Fact]
    public async Task Only_audits_of_the_url_asked_for_are_listed_even_a_url_stored_base64()
    {
        var (store, _) = StoreAtEndOf(2034);
        var awkward = await CreateAt(store, SampleAudits.AwkwardUrl, At(2034, 3, 1, 0), At(2034, 3, 2, 0));
        await CreateAt(store, "https://other.example/", At(2034, 3, 1, 1), At(2034, 3, 3, 0));

        var page = await store.ListAsync(new(At(2034, 1, 1, 0), SampleAudits.AwkwardUrl, null, 100), CancellationToken.None);

        Assert.Equal(awkward, page.Items.Select(item => item.AuditId));
        Assert.All(page.Items, item => Assert.Equal(SampleAudits.AwkwardUrl, item.Url));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task Pages_follow_each_other_through_the_continuation_across_days_without_gaps_or_repeats(int pageSize)
    {
        var (store, _) = StoreAtEndOf(2035 + pageSize);
        var year = 2035 + pageSize;
        var ids = await CreateAt(store, At(year, 1, 1, 1), At(year, 1, 1, 2), At(year, 1, 1, 3), At(year, 1, 2, 0), At(year, 4, 9, 0), At(year, 4, 9, 1), At(year, 11, 30, 0));

        var pages = await AllPages(store, new(At(year, 1, 1, 0), null, null, pageSize));

        Assert.Equal(ids, pages.SelectMany(page => page.Items).Select(item => item.AuditId));
        Assert.All(pages, page => Assert.InRange(page.Items.Count, 0, pageSize));
        Assert.Null(pages[^1].ContinuationToken);
        Assert.True(pages.Count >= ids.Length / pageSize);
    }

    [Fact]
    public async Task Pages_of_a_url_filter_skip_other_audits_across_days()
    {
        var (store, _) = StoreAtEndOf(2040);
        var wanted = new List<string>();
        for (var day = 1; day <= 4; day++)
        {
            await CreateAt(store, "https://noise.example/", At(2040, 5, day, 0), At(2040, 5, day, 2));
            wanted.AddRange(await CreateAt(store, "https://wanted.example/", At(2040, 5, day, 1)));
        }

        var pages = await AllPages(store, new(At(2040, 1, 1, 0), "https://wanted.example/", null, 3));

        Assert.Equal(wanted, pages.SelectMany(page => page.Items).Select(item => item.AuditId));
        Assert.Equal(3, pages[0].Items.Count);
    }

    [Fact]
    public async Task An_item_shows_the_monitor_status_and_median_score_once_the_report_is_saved()
    {
        var (store, _) = StoreAtEndOf(2041);
        var auditId = SampleAudits.IdAt(At(2041, 8, 8, 8));
        await store.CreateAsync(SampleAudits.Document(auditId, monitorId: "mon-5"), CancellationToken.None);
        var running = (await store.ListAsync(new(At(2041, 1, 1, 0), null, null, 10), CancellationToken.None)).Items.Single();
        var report = SampleAudits.Report(auditId, url: "https://shop.example/");

        await store.CompleteAsync(report, CancellationToken.None);
        var completed = (await store.ListAsync(new(At(2041, 1, 1, 0), null, null, 10), CancellationToken.None)).Items.Single();

        Assert.Equal(new AuditListItem(auditId, "https://shop.example/", At(2041, 8, 8, 8), Core.Audits.AuditRecordStatus.Running, "mon-5", null), running);
        Assert.Equal(new AuditListItem(auditId, report.Url, At(2041, 8, 8, 8), Core.Audits.AuditRecordStatus.Completed, "mon-5", report.Aggregates.MedianPerformanceScore), completed);
    }

    [Fact]
    public async Task Listing_reads_metadata_and_downloads_no_document()
    {
        var hook = new RequestHook(request => RequestHook.IsDownload(request, BlobLayout.AuditsContainer), _ => Task.CompletedTask);
        var options = new BlobClientOptions();
        options.AddPolicy(hook, Azure.Core.HttpPipelinePosition.PerCall);
        var store = new BlobAuditStore(azurite.Server.CreateBlobServiceClient(options), new FakeTimeProvider(At(2042, 12, 31, 12)));
        await CreateAt(store, At(2042, 2, 1, 0), At(2042, 2, 2, 0), At(2042, 3, 1, 0));

        var page = await store.ListAsync(new(At(2042, 1, 1, 0), "https://shop.example/", null, 100), CancellationToken.None);

        Assert.Equal(3, page.Items.Count);
        Assert.Equal(0, hook.Matched);
    }

    [Fact]
    public async Task A_since_after_today_lists_nothing()
    {
        var (store, _) = StoreAtEndOf(2043);
        await CreateAt(store, At(2043, 6, 1, 0));

        var page = await store.ListAsync(new(At(2044, 1, 1, 0), null, null, 10), CancellationToken.None);

        Assert.Empty(page.Items);
        Assert.Null(page.ContinuationToken);
    }

    [Theory]
    [InlineData("not base64 at all!")]
    [InlineData("e30")] // {}
    [InlineData("bnVsbA")] // null
    [InlineData("eyJkIjoiMjAzMS0xMy00NSJ9")] // {"d":"2031-13-45"}
    [InlineData("eyJkIjo1fQ")] // {"d":5}
    public async Task A_malformed_continuation_token_is_an_argument_exception_that_says_so(string token)
    {
        var (store, _) = StoreAtEndOf(2031);

        var refused = await Assert.ThrowsAsync<ArgumentException>(() => store.ListAsync(new(At(2031, 1, 1, 0), null, token, 10), CancellationToken.None));

        Assert.Contains("continuation token is malformed", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_token_samples_above_say_what_their_comments_say()
    {
        Assert.Equal("{\"d\":\"2031-13-45\"}", Encoding.UTF8.GetString(Base64Url.DecodeFromChars("eyJkIjoiMjAzMS0xMy00NSJ9")));
        Assert.Equal("{\"d\":5}", Encoding.UTF8.GetString(Base64Url.DecodeFromChars("eyJkIjo1fQ")));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(101)]
    public async Task A_page_size_outside_1_to_100_is_refused(int pageSize)
    {
        var (store, _) = StoreAtEndOf(2031);

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => store.ListAsync(new(At(2031, 1, 1, 0), null, null, pageSize), CancellationToken.None));
    }

    private (BlobAuditStore Store, FakeTimeProvider Time) StoreAtEndOf(int year)
    {
        var time = new FakeTimeProvider(At(year, 12, 31, 12));
        return (new BlobAuditStore(blobs, time), time);
    }

    private static DateTimeOffset At(int year, int month, int day, int hour) => new(year, month, day, hour, 0, 0, TimeSpan.Zero);

    private static Task<string[]> CreateAt(BlobAuditStore store, params DateTimeOffset[] times) => CreateAt(store, "https://shop.example/", times);

    private static async Task<string[]> CreateAt(BlobAuditStore store, string url, params DateTimeOffset[] times)
    {
        var ids = times.Select(SampleAudits.IdAt).ToArray();
        foreach (var id in ids)
        {
            await store.CreateAsync(SampleAudits.Document(id, url), CancellationToken.None);
        }

        return ids;
    }

    private static async Task<List<AuditPage>> AllPages(BlobAuditStore store, AuditListQuery first)
    {
        var pages = new List<AuditPage>();
        var query = first;
        do
        {
            var page = await store.ListAsync(query, CancellationToken.None);
            pages.Add(page);
            query = query with { ContinuationToken = page.ContinuationToken };
            Assert.True(pages.Count <= 50, "The continuation never ended.");
        }
        while (query.ContinuationToken is not null);

        return pages;
    }
}

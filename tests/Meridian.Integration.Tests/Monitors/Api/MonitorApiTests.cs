using System.Net;
using System.Text.Json;
using Meridian.Contract.Jobs;
using Meridian.Core.Audits;
using Meridian.Core.Ids;
using Meridian.Core.Monitors;
using Meridian.Core.Monitors.Alerts;
using Meridian.Core.Storage;
using Meridian.Integration.Tests.Http;
using Meridian.Integration.Tests.Monitors.Storage;

namespace Meridian.Integration.Tests.Monitors.Api;

/// <summary>The monitor API on real Kestrel and Azurite: create, read, list, replace and delete, and its ETag rules.</summary>
public sealed class MonitorApiTests(ApiTestHost host) : IClassFixture<ApiTestHost>
{
    private const string Alerting = "\"cron\":\"*/30 * * * *\"";
    private const string Limits = ",\"thresholds\":{\"overall\":{\"minPerformanceScore\":0.8},\"eachRegion\":{\"maxLcpMs\":4000}},\"webhookUrl\":\"https://hooks.example/m\"";

    private HttpClient Http => host.Http;

    [Fact]
    public async Task A_created_monitor_is_answered_201_with_where_it_is_its_etag_and_its_webhook_secret_and_reads_back_the_same()
    {
        var before = DateTimeOffset.UtcNow;

        using var created = await Http.CreateAsync(MonitorCalls.Body(Alerting, extra: Limits + ",\"name\":\" Shop \""));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var monitor = await MonitorCalls.ReadAsync(created);
        var id = monitor.GetProperty("id").GetString()!;
        Assert.True(MonitorIds.IsWellFormed(id));
        Assert.EndsWith($"/api/monitors/{id}", created.Headers.Location!.AbsoluteUri, StringComparison.Ordinal);
        Assert.Equal("\"1\"", created.Headers.ETag!.ToString());
        Assert.Equal(("Shop", 1, "*/30 * * * *"), (monitor.GetProperty("name").GetString(), monitor.GetProperty("revision").GetInt32(), monitor.GetProperty("cron").GetString()));
        Assert.Equal(JsonValueKind.Null, monitor.GetProperty("intervalMinutes").ValueKind);
        Assert.Equal(WebhookSigningKey.ToText(WebhookSigningKey.Derive(host.MasterKey, id)), monitor.GetProperty("webhookSecret").GetString());
        var nextDueAt = monitor.GetProperty("nextDueAt").GetDateTimeOffset();
        Assert.InRange(nextDueAt, before, before.AddMinutes(31));
        Assert.Equal(0, nextDueAt.Minute % 30);

        using var read = await Http.GetAsync($"api/monitors/{id}");
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal("\"1\"", read.Headers.ETag!.ToString());
        Assert.True(read.Headers.CacheControl!.NoStore);
        Assert.Equal(monitor.GetRawText(), (await MonitorCalls.ReadAsync(read)).GetRawText());
        Assert.Contains(BlobLayout.DueMarkerBlob(new DueMarker(id, nextDueAt)), await MonitorBlobs.NamesAsync(host.Blobs, "due/"));
    }

    [Fact]
    public async Task A_monitor_created_disabled_is_never_due_and_has_no_marker()
    {
        var (id, _) = await Http.CreatedAsync(MonitorCalls.Body(extra: ",\"enabled\":false"));

        var stored = await host.Monitors.GetAsync(id, CancellationToken.None);

        Assert.Equal((false, null), (stored!.Definition.Enabled, stored.Schedule.NextDueAt));
        Assert.DoesNotContain(await MonitorBlobs.NamesAsync(host.Blobs, "due/"), name => name.EndsWith(id, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Pages_list_every_monitor_in_creation_order_without_secrets()
    {
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add((await Http.CreatedAsync(MonitorCalls.Body(extra: Limits))).Id);
        }

        var listed = new List<JsonElement>();
        string? token = null;
        do
        {
            using var response = await Http.GetAsync("api/monitors?pageSize=2" + (token is null ? "" : "&continuationToken=" + Uri.EscapeDataString(token)));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var page = await MonitorCalls.ReadAsync(response);
            Assert.InRange(page.GetProperty("items").GetArrayLength(), 0, 2);
            listed.AddRange(page.GetProperty("items").EnumerateArray());
            token = page.GetProperty("continuationToken").GetString();
        }
        while (token is not null);

        var listedIds = listed.Select(item => item.GetProperty("id").GetString()!).ToList();
        Assert.Equal(listedIds.Order(StringComparer.Ordinal), listedIds);
        Assert.Equal(ids, listedIds.Where(ids.Contains));
        Assert.All(listed, item => Assert.Equal(JsonValueKind.Null, item.GetProperty("webhookSecret").ValueKind));
    }

    [Fact]
    public async Task A_replacement_with_the_current_etag_moves_the_revision_and_reschedules_from_now()
    {
        var (id, etag) = await Http.CreatedAsync();
        var created = await host.Monitors.GetAsync(id, CancellationToken.None);

        using var response = await Http.ReplaceAsync(id, MonitorCalls.Body("\"cron\":\"0 3 * * *\"", url: "https://shop.example/cart", extra: Limits), etag);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("\"2\"", response.Headers.ETag!.ToString());
        var stored = await host.Monitors.GetAsync(id, CancellationToken.None);
        Assert.Equal((2, "0 3 * * *", "https://shop.example/cart"), (stored!.Revision, stored.Definition.Schedule.Cron, stored.Definition.Url.AbsoluteUri));
        Assert.Equal(created!.CreatedAt, stored.CreatedAt);
        Assert.True(stored.UpdatedAt > created.UpdatedAt);
        Assert.Equal(new TimeOnly(3, 0), TimeOnly.FromDateTime(stored.Schedule.NextDueAt!.Value.UtcDateTime));
        Assert.Equal(stored.Schedule.NextDueAt, (await MonitorCalls.ReadAsync(response)).GetProperty("nextDueAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task A_replacement_that_keeps_the_schedule_keeps_the_next_slot_and_disabling_clears_it()
    {
        var (id, etag) = await Http.CreatedAsync();
        var slot = (await host.Monitors.GetAsync(id, CancellationToken.None))!.Schedule.NextDueAt;

        using var edited = await Http.ReplaceAsync(id, MonitorCalls.Body(extra: ",\"formFactor\":\"desktop\""), etag);
        using var disabled = await Http.ReplaceAsync(id, MonitorCalls.Body(extra: ",\"enabled\":false"), edited.Headers.ETag!.ToString());

        Assert.Equal(slot, (await MonitorCalls.ReadAsync(edited)).GetProperty("nextDueAt").GetDateTimeOffset());
        Assert.Equal(FormFactor.Desktop.ToString(), (await MonitorCalls.ReadAsync(edited)).GetProperty("formFactor").GetString());
        Assert.Equal(HttpStatusCode.OK, disabled.StatusCode);
        Assert.Equal(JsonValueKind.Null, (await MonitorCalls.ReadAsync(disabled)).GetProperty("nextDueAt").ValueKind);
    }

    [Fact]
    public async Task A_replacement_without_if_match_is_428_and_writes_nothing()
    {
        var (id, _) = await Http.CreatedAsync();
        var before = await host.MonitorSnapshotAsync();

        using var response = await Http.ReplaceAsync(id, MonitorCalls.Body(extra: ",\"runs\":3"), ifMatch: null);

        Assert.Equal(HttpStatusCode.PreconditionRequired, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(before, await host.MonitorSnapshotAsync());
    }

    [Theory]
    [InlineData("\"2\"")]
    [InlineData("W/\"1\"")]
    [InlineData("\"0\", \"7\"")]
    public async Task A_replacement_with_an_etag_that_is_not_the_current_one_is_412_and_writes_nothing(string ifMatch)
    {
        var (id, _) = await Http.CreatedAsync();
        var before = await host.MonitorSnapshotAsync();

        using var response = await Http.ReplaceAsync(id, MonitorCalls.Body(extra: ",\"runs\":3"), ifMatch);

        Assert.Equal(HttpStatusCode.PreconditionFailed, response.StatusCode);
        Assert.Contains("revision 1", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before, await host.MonitorSnapshotAsync());
    }

    [Theory]
    [InlineData("\"1\"")]
    [InlineData("\"5\", \"1\"")]
    [InlineData("*")]
    public async Task A_replacement_with_a_list_holding_the_current_etag_or_a_star_is_applied(string ifMatch)
    {
        var (id, _) = await Http.CreatedAsync();

        using var response = await Http.ReplaceAsync(id, MonitorCalls.Body(extra: ",\"runs\":3"), ifMatch);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("1")]
    [InlineData("revision-1")]
    [InlineData("\"1")]
    public async Task An_if_match_that_is_not_an_etag_is_400(string ifMatch)
    {
        var (id, _) = await Http.CreatedAsync();

        using var put = await Http.ReplaceAsync(id, MonitorCalls.Body(), ifMatch);
        using var delete = await Http.DeleteAsync(id, ifMatch);

        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.BadRequest), (put.StatusCode, delete.StatusCode));
        Assert.NotNull(await host.Monitors.GetAsync(id, CancellationToken.None));
    }

    [Fact]
    public async Task Of_two_replacements_sent_at_once_with_the_same_etag_one_is_applied_and_the_other_is_412()
    {
        var (id, etag) = await Http.CreatedAsync();

        var responses = await Task.WhenAll(
            Http.ReplaceAsync(id, MonitorCalls.Body(extra: ",\"name\":\"first\""), etag),
            Http.ReplaceAsync(id, MonitorCalls.Body(extra: ",\"name\":\"second\""), etag));

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.PreconditionFailed], responses.Select(r => r.StatusCode).Order());
        var winner = responses.Single(r => r.StatusCode == HttpStatusCode.OK);
        var stored = await host.Monitors.GetAsync(id, CancellationToken.None);
        Assert.Equal(2, stored!.Revision);
        Assert.Equal((await MonitorCalls.ReadAsync(winner)).GetProperty("name").GetString(), stored.Definition.Name);
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    [Fact]
    public async Task The_etag_does_not_change_when_the_scheduler_records_a_slot()
    {
        var (id, etag) = await Http.CreatedAsync();
        await host.Monitors.UpdateAsync(id, m => m with { Schedule = m.Schedule with { LastAuditId = "a1", LastSlotAt = m.Schedule.NextDueAt } }, CancellationToken.None);

        using var read = await Http.GetAsync($"api/monitors/{id}");
        using var replaced = await Http.ReplaceAsync(id, MonitorCalls.Body(extra: ",\"runs\":5"), etag);

        Assert.Equal(etag, read.Headers.ETag!.ToString());
        Assert.Equal("a1", (await MonitorCalls.ReadAsync(read)).GetProperty("lastAuditId").GetString());
        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
        Assert.Equal("a1", (await host.Monitors.GetAsync(id, CancellationToken.None))!.Schedule.LastAuditId);
    }

    [Fact]
    public async Task A_delete_without_if_match_removes_the_monitor_and_a_second_delete_is_404()
    {
        var (id, _) = await Http.CreatedAsync();

        using var deleted = await Http.DeleteAsync(id, ifMatch: null);
        using var again = await Http.DeleteAsync(id, ifMatch: null);
        using var read = await Http.GetAsync($"api/monitors/{id}");

        Assert.Equal((HttpStatusCode.NoContent, HttpStatusCode.NotFound, HttpStatusCode.NotFound), (deleted.StatusCode, again.StatusCode, read.StatusCode));
    }

    [Fact]
    public async Task A_delete_with_a_stale_etag_is_412_and_keeps_the_monitor_and_with_the_current_one_deletes_it()
    {
        var (id, etag) = await Http.CreatedAsync();
        using var replaced = await Http.ReplaceAsync(id, MonitorCalls.Body(extra: ",\"runs\":3"), etag);

        using var stale = await Http.DeleteAsync(id, etag);
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.NotNull(await host.Monitors.GetAsync(id, CancellationToken.None));

        using var current = await Http.DeleteAsync(id, replaced.Headers.ETag!.ToString());
        Assert.Equal(HttpStatusCode.NoContent, current.StatusCode);
        Assert.Null(await host.Monitors.GetAsync(id, CancellationToken.None));
    }

    [Fact]
    public async Task The_history_shows_recent_runs_the_alert_state_and_deliveries()
    {
        var (id, _) = await Http.CreatedAsync(MonitorCalls.Body(extra: Limits));
        using var empty = await Http.GetAsync($"api/monitors/{id}/history");
        var run = new MonitorRun("a1", DateTimeOffset.UtcNow, 0.42, [new MonitorRegionRun("iad", RegionStatus.Completed, 0.42, 5100, 300, 0.02)], ["Median score 0.42 is below 0.8."]);
        var delivery = new AlertDelivery("regression", "a1", DateTimeOffset.UtcNow, false, 3, 503, "The webhook answered 503.");
        await host.Monitors.UpdateAsync(
            id, m => m with { History = [run], Alerts = new MonitorAlertState(2, true, run.CompletedAt), Deliveries = [delivery] }, CancellationToken.None);

        using var response = await Http.GetAsync($"api/monitors/{id}/history");

        Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
        Assert.Equal(0, (await MonitorCalls.ReadAsync(empty)).GetProperty("runs").GetArrayLength());
        var history = await MonitorCalls.ReadAsync(response);
        Assert.Equal(id, history.GetProperty("id").GetString());
        Assert.Equal("Completed", history.GetProperty("runs")[0].GetProperty("regions")[0].GetProperty("status").GetString());
        Assert.Equal((2, true), (history.GetProperty("alerts").GetProperty("consecutiveBreaches").GetInt32(), history.GetProperty("alerts").GetProperty("open").GetBoolean()));
        Assert.Equal(503, history.GetProperty("deliveries")[0].GetProperty("statusCode").GetInt32());
    }
}

using Meridian.Core.Storage;
using Meridian.Testing.Audits;

namespace Meridian.Core.Tests.Storage;

public class BlobLayoutTests
{
    private const string MonitorId = "mon-0190a1b2c3d47000a000000000000000";

    private static readonly DateTimeOffset LateEvening = new(2026, 3, 9, 23, 59, 59, 999, TimeSpan.Zero);

    [Fact]
    public void An_audit_document_is_filed_under_the_utc_day_its_id_was_made()
    {
        var auditId = SampleAudits.IdAt(LateEvening);

        Assert.Equal($"2026/03/09/{auditId}.json", BlobLayout.AuditBlob(auditId));
    }

    [Fact]
    public void Region_results_are_filed_in_hive_style_day_folders()
    {
        var auditId = SampleAudits.IdAt(LateEvening);

        Assert.Equal($"year=2026/month=03/day=09/{auditId}.csv", BlobLayout.RegionResultsBlob(auditId));
    }

    [Theory]
    [InlineData("audit-1")]
    [InlineData("")]
    [InlineData("0199A4C2E1B87C3D9E0F1A2B3C4D5E6F")]
    public void A_malformed_id_has_no_dated_blob(string auditId)
    {
        Assert.Throws<ArgumentException>(() => BlobLayout.AuditBlob(auditId));
        Assert.Throws<ArgumentException>(() => BlobLayout.RegionResultsBlob(auditId));
    }

    [Fact]
    public void The_id_is_read_back_from_the_document_blobs_name()
    {
        var auditId = SampleAudits.IdAt(LateEvening);

        Assert.True(BlobLayout.TryParseAuditBlob(BlobLayout.AuditBlob(auditId), out var parsed));
        Assert.Equal(auditId, parsed);
    }

    [Theory]
    [InlineData("2026/03/10/{0}.json")]
    [InlineData("2026/03/09/{0}.json.bak")]
    [InlineData("{0}.json")]
    [InlineData("2026/03/09/not-an-id.json")]
    public void Other_names_are_not_audit_documents(string pattern)
    {
        var name = string.Format(System.Globalization.CultureInfo.InvariantCulture, pattern, SampleAudits.IdAt(LateEvening));

        Assert.False(BlobLayout.TryParseAuditBlob(name, out _));
    }

    [Fact]
    public void Deliveries_keep_the_callbacks_and_the_workers_result_side_by_side()
    {
        Assert.Equal("a1/iad/callback.json", BlobLayout.CallbackBlob("a1", "iad"));
        Assert.Equal("a1/iad/fallback.json", BlobLayout.FallbackBlob("a1", "iad"));
    }

    [Fact]
    public void Every_container_is_created_by_the_initializer()
    {
        Assert.Equal(["audits", "region-results", "reports", "deliveries", "monitors", "machines"], BlobLayout.Containers);
    }

    [Fact]
    public void A_monitor_is_a_json_document_under_definitions_and_its_id_is_read_back()
    {
        Assert.Equal($"definitions/{MonitorId}.json", BlobLayout.MonitorBlob(MonitorId));
        Assert.True(BlobLayout.TryParseMonitorBlob($"definitions/{MonitorId}.json", out var parsed));
        Assert.Equal(MonitorId, parsed);
    }

    [Theory]
    [InlineData("mon-1")]
    [InlineData("../audits/x")]
    [InlineData("")]
    public void A_malformed_monitor_id_has_no_blob(string monitorId)
    {
        Assert.Throws<ArgumentException>(() => BlobLayout.MonitorBlob(monitorId));
        Assert.Throws<ArgumentException>(() => BlobLayout.DueMarkerBlob(new DueMarker(monitorId, new DateTimeOffset(2026, 3, 9, 23, 59, 0, TimeSpan.Zero))));
    }

    [Theory]
    [InlineData("definitions/mon-1.json")]
    [InlineData("definitions/" + MonitorId)]
    [InlineData(MonitorId + ".json")]
    [InlineData("due/202603092359/" + MonitorId)]
    public void Other_names_are_not_monitor_documents(string name) => Assert.False(BlobLayout.TryParseMonitorBlob(name, out _));

    [Fact]
    public void A_due_marker_is_named_by_its_utc_minute_and_read_back_to_the_same_instant()
    {
        var dueAt = new DateTimeOffset(2026, 3, 10, 1, 5, 0, TimeSpan.FromHours(2));

        var name = BlobLayout.DueMarkerBlob(new DueMarker(MonitorId, dueAt));

        Assert.Equal($"due/202603092305/{MonitorId}", name);
        Assert.True(BlobLayout.TryParseDueMarkerBlob(name, out var marker));
        Assert.Equal(new DueMarker(MonitorId, dueAt), marker);
        Assert.Equal(TimeSpan.Zero, marker.DueAt.Offset);
    }

    [Fact]
    public void A_due_time_within_a_minute_cannot_be_a_marker() =>
        Assert.Throws<ArgumentException>(() => BlobLayout.DueMarkerBlob(new DueMarker(MonitorId, LateEvening)));

    [Fact]
    public void Marker_names_sort_as_their_times_do()
    {
        var times = new[] { new DateTimeOffset(2026, 12, 31, 23, 59, 0, TimeSpan.Zero), new(2027, 1, 1, 0, 0, 0, TimeSpan.Zero), new(2027, 1, 1, 9, 0, 0, TimeSpan.Zero), new(2027, 10, 1, 0, 0, 0, TimeSpan.Zero) };

        var names = times.Select(time => BlobLayout.DueMarkerBlob(new DueMarker(MonitorId, time))).ToList();

        Assert.Equal(names.Order(StringComparer.Ordinal), names);
    }

    [Theory]
    [InlineData("due/202603092305")]
    [InlineData("due/2026030923/" + MonitorId)]
    [InlineData("due/202613092305/" + MonitorId)]
    [InlineData("due/202603092305/mon-1")]
    [InlineData("due/202603092305/" + MonitorId + "/x")]
    [InlineData("definitions/202603092305/" + MonitorId)]
    public void Other_names_are_not_due_markers(string name) => Assert.False(BlobLayout.TryParseDueMarkerBlob(name, out _));
}

using Meridian.Core.Storage;
using Meridian.Testing.Audits;

namespace Meridian.Core.Tests.Storage;

public class BlobLayoutTests
{
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
        Assert.Equal(["audits", "region-results", "reports", "deliveries"], BlobLayout.Containers);
    }
}

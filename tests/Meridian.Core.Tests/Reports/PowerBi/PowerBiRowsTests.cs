using Meridian.Contract.Jobs;
using Meridian.Core.Audits;
using Meridian.Core.Regions;
using Meridian.Core.Reports.PowerBi;
using Meridian.Testing.Audits;

namespace Meridian.Core.Tests.Reports.PowerBi;

public class RegionResultRowsTests
{
    private static readonly string AuditId = SampleAudits.IdAt(SampleAudits.Day);
    private static readonly AuditReport Report = SampleAudits.Report(AuditId);

    [Fact]
    public void One_row_per_region_in_the_reports_order_with_the_audits_fields_on_each()
    {
        var rows = PowerBiRows.From(Report, "mon-42");

        Assert.Equal(Report.Regions.Select(r => r.Region), rows.Select(r => r.Region));
        Assert.All(rows, row =>
        {
            Assert.Equal(AuditId, row.AuditId);
            Assert.Equal("mon-42", row.MonitorId);
            Assert.Equal("mobile", row.FormFactor);
            Assert.Equal(3, row.Runs);
            Assert.Equal(SampleAudits.Day, row.AuditStartedAt);
            Assert.Equal(TimeSpan.Zero, row.AuditStartedAt.Offset);
        });
    }

    [Fact]
    public void Statuses_and_deliveries_are_written_in_snake_case()
    {
        var rows = PowerBiRows.From(Report, null);

        Assert.Equal(["completed", "completed", "failed", "timed_out", "unavailable"], rows.Select(r => r.Status));
        Assert.Equal(["callback", "fallback", "callback", null, null], rows.Select(r => r.Delivery));
    }

    [Fact]
    public void A_completed_region_carries_its_summary_and_place()
    {
        var iad = PowerBiRows.From(Report, null).Single(r => r.Region == "iad");

        Assert.Equal(("Ashburn", "United States", 39.04, -77.49), (iad.RegionCity, iad.RegionCountry, iad.RegionLatitude, iad.RegionLongitude));
        Assert.Equal((0.87, 2345.6, 0.0000123, 3), (iad.PerformanceScore, iad.LcpMs, iad.Cls, iad.RunsCompleted));
        Assert.Equal("12.8.2", iad.LighthouseVersion);
        Assert.Equal($"{AuditId}/iad.json.gz", iad.ReportBlob);
        Assert.Equal("e2865013b4d986", iad.MachineId);
    }

    [Fact]
    public void A_region_without_a_result_has_no_metrics()
    {
        var sin = PowerBiRows.From(Report, null).Single(r => r.Region == "sin");

        Assert.Equal("No result by the deadline.", sin.Reason);
        Assert.Null(sin.PerformanceScore);
        Assert.Null(sin.RunsCompleted);
        Assert.Null(sin.LighthouseVersion);
        Assert.Null(sin.ReportBlob);
    }

    [Fact]
    public void Empty_text_becomes_null_so_an_empty_cell_always_means_null()
    {
        var report = Report with { Regions = [Report.Regions[0] with { Reason = string.Empty, MachineId = string.Empty }] };

        var row = PowerBiRows.From(report, monitorId: string.Empty).Single();

        Assert.Null(row.Reason);
        Assert.Null(row.MachineId);
        Assert.Null(row.MonitorId);
    }

    [Fact]
    public void A_time_without_a_zone_is_taken_as_utc()
    {
        var report = Report with { StartedAt = DateTime.SpecifyKind(Report.StartedAt, DateTimeKind.Unspecified) };

        Assert.Equal(SampleAudits.Day, PowerBiRows.From(report, null)[0].AuditStartedAt);
    }
}

using System.Text.Json;
using Meridian.Contract.Results;
using Meridian.Core.Audits;
using Meridian.Core.Audits.Orchestration;
using Meridian.Core.Serialization;
using Meridian.Testing.Orchestration;

namespace Meridian.Core.Tests.Audits.Orchestration;

public class AuditProgressTests
{
    /// <summary>The Durable Functions host fails an orchestration whose custom status is over 16 KB of UTF-16 text.</summary>
    private const int HostLimitUtf16Bytes = 16 * 1024;

    [Fact]
    public void The_worst_custom_status_of_an_18_region_audit_stays_far_below_the_hosts_limit()
    {
        var size = WorstCaseProgress.Utf16Bytes(WorstCaseProgress.At18Regions());

        Assert.True(size <= AuditProgress.MaxUtf16Bytes, $"worst case {size} UTF-16 bytes, budget {AuditProgress.MaxUtf16Bytes}");
        Assert.True(AuditProgress.MaxUtf16Bytes * 2 <= HostLimitUtf16Bytes);
    }

    [Fact]
    public void A_reason_is_shortened_to_its_budget_in_json_and_never_splits_a_character()
    {
        var progress = RegionProgress.Of("syd", RegionStatus.Failed, string.Concat(Enumerable.Repeat("é😀", 500)), null);

        var json = JsonSerializer.Serialize(progress.Reason, MeridianJson.Options);
        Assert.True(json.Length - 2 <= RegionProgress.MaxReasonJsonLength, $"{json.Length - 2} JSON characters");
        Assert.EndsWith("…", progress.Reason, StringComparison.Ordinal);

        // A split surrogate pair would read back as U+FFFD.
        Assert.True(progress.Reason!.EnumerateRunes().All(rune => rune != System.Text.Rune.ReplacementChar));
    }

    [Fact]
    public void A_short_reason_is_kept_whole()
    {
        const string reason = "Fly answered 412: insufficient capacity (insufficient_capacity)";

        Assert.Equal(reason, RegionProgress.Of("jnb", RegionStatus.Unavailable, reason, null).Reason);
    }

    [Fact]
    public void Numbers_are_rounded_to_what_a_live_view_shows()
    {
        var summary = new RegionResultSummary(0.91234, 912.345, 1834.56, 123.4, 0.012345, 1500.5, 2500.5, 181.6, "12.8.2", 1500, 3, 0.9, 0.93, "r");

        var progress = RegionProgress.Of("iad", RegionStatus.Completed, null, summary);

        Assert.Equal((0.91, 1835.0, 123.0, 0.012, 182.0), (progress.Score, progress.LcpMs, progress.TbtMs, progress.Cls, progress.TtfbMs));
    }

    [Fact]
    public void A_region_without_numbers_writes_no_empty_fields()
    {
        var json = JsonSerializer.Serialize(RegionProgress.Of("iad", RegionStatus.Pending, null, null), MeridianJson.Options);

        Assert.Equal("""{"region":"iad","status":"Pending"}""", json);
    }
}

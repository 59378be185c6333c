using System.Globalization;
using Meridian.Core.Ids;
using Microsoft.Extensions.Time.Testing;

namespace Meridian.Core.Tests.Ids;

public class AuditIdsTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 34, 56, 789, TimeSpan.Zero);

    [Fact]
    public void New_id_is_well_formed_and_carries_the_time_it_was_made()
    {
        var id = AuditIds.New(new FakeTimeProvider(Now));

        Assert.True(AuditIds.IsWellFormed(id));
        Assert.True(AuditIds.TryGetCreatedAt(id, out var createdAt));
        Assert.Equal(Now, createdAt);
    }

    [Fact]
    public void Ids_sort_in_the_order_they_were_made()
    {
        var time = new FakeTimeProvider(Now);
        var ids = Enumerable.Range(0, 50).Select(_ =>
        {
            time.Advance(TimeSpan.FromMilliseconds(3));
            return AuditIds.New(time);
        }).ToList();

        Assert.Equal(ids, ids.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("019ab1c2d3e4e000a000000000000000")] // version: index 12 must be 7
    [InlineData("019AB1C2D3E47000A000000000000000")] // upper case
    [InlineData("019ab1c2d3e470000000000000000000")] // variant bits
    [InlineData("019ab1c2-d3e4-7000-a000-000000000000")]
    [InlineData("../../audits/x")]
    [InlineData("019ab1c2d3e47000a00000000000000g")]
    [InlineData("ffffffffffff7fff8fffffffffffffff")] // year 10889: the right shape, out of range
    [InlineData("e677d21fdc007000a000000000000000")] // 10000-01-01T00:00:00Z
    public void Malformed_ids_are_refused(string? id)
    {
        Assert.False(AuditIds.IsWellFormed(id));
        Assert.False(AuditIds.TryGetCreatedAt(id, out _));
    }

    [Fact]
    public void The_last_millisecond_of_year_9999_is_in_range()
    {
        var id = DateTimeOffset.MaxValue.ToUnixTimeMilliseconds().ToString("x12", CultureInfo.InvariantCulture) + "7000a000000000000000";

        Assert.True(AuditIds.TryGetCreatedAt(id, out var createdAt));
        Assert.Equal(new DateTimeOffset(9999, 12, 31, 23, 59, 59, 999, TimeSpan.Zero), createdAt);
    }
}

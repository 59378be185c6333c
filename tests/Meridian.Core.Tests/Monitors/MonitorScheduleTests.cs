using Meridian.Core.Monitors;

namespace Meridian.Core.Tests.Monitors;

public sealed class MonitorScheduleTests
{
    private const string MonitorId = "mon-0192a4b6c8d07e1f8a2b3c4d5e6f7081";
    private static readonly DateTimeOffset Monday0900 = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(5)]
    [InlineData(60)]
    [InlineData(1440)]
    [InlineData(10080)]
    public void Interval_slots_are_whole_minutes_one_interval_apart_and_strictly_after(int minutes)
    {
        var schedule = new MonitorSchedule(IntervalMinutes: minutes);

        var first = schedule.NextAfter(Monday0900, MonitorId);
        var second = schedule.NextAfter(first, MonitorId);

        Assert.True(first > Monday0900);
        Assert.True(first - Monday0900 <= TimeSpan.FromMinutes(minutes));
        Assert.Equal(TimeSpan.FromMinutes(minutes), second - first);
        Assert.Equal(0, first.Second);
        Assert.Equal(0, first.Millisecond);
    }

    [Fact]
    public void An_interval_slot_is_the_same_whichever_moment_of_the_interval_asks()
    {
        var schedule = new MonitorSchedule(IntervalMinutes: 15);
        var slot = schedule.NextAfter(Monday0900, MonitorId);

        Assert.Equal(slot, schedule.NextAfter(slot.AddMinutes(-14).AddSeconds(-59), MonitorId));
        Assert.Equal(slot, schedule.NextAfter(slot.AddTicks(-1), MonitorId));
        Assert.Equal(slot.AddMinutes(15), schedule.NextAfter(slot, MonitorId));
    }

    [Fact]
    public void Monitors_with_the_same_interval_are_spread_over_it_rather_than_all_on_one_tick()
    {
        var schedule = new MonitorSchedule(IntervalMinutes: 60);

        var minutes = Enumerable.Range(0, 200)
            .Select(i => schedule.NextAfter(Monday0900, $"mon-{i:x32}").Minute)
            .Distinct()
            .Count();

        Assert.True(minutes > 40, $"200 hourly monitors fell on only {minutes} distinct minutes.");
    }

    [Fact]
    public void A_cron_schedule_gives_its_next_time_in_utc()
    {
        var weekdayMornings = new MonitorSchedule(Cron: "30 6 * * 1-5");

        Assert.Equal(new DateTimeOffset(2026, 11, 24, 6, 30, 0, TimeSpan.Zero), weekdayMornings.NextAfter(Monday0900, MonitorId));
        Assert.Equal(
            new DateTimeOffset(2026, 11, 30, 6, 30, 0, TimeSpan.Zero),
            weekdayMornings.NextAfter(new DateTimeOffset(2026, 11, 27, 6, 30, 0, TimeSpan.Zero), MonitorId));
    }

    [Theory]
    [InlineData(5, null)]
    [InlineData(10080, null)]
    [InlineData(null, "*/5 * * * *")]
    [InlineData(null, "0 3 * * 0")]
    [InlineData(null, "0 0 29 2 *")]
    [InlineData(null, "0 6 * * 1-5")]
    [InlineData(null, "0,30 8-18/2 1,15 */3 7")]
    public void Valid_schedules_have_no_problem(int? minutes, string? cron)
    {
        Assert.Null(new MonitorSchedule(minutes, cron).Problem());
    }

    [Theory]
    [InlineData(null, null, "exactly one")]
    [InlineData(5, "*/5 * * * *", "exactly one")]
    [InlineData(4, null, "from 5 to 10080")]
    [InlineData(0, null, "from 5 to 10080")]
    [InlineData(-5, null, "from 5 to 10080")]
    [InlineData(10081, null, "from 5 to 10080")]
    [InlineData(null, "* * * * *", "more often than every 5 minutes")]
    [InlineData(null, "0,1 * * * *", "more often than every 5 minutes")]
    [InlineData(null, "* * *", "five fields")]
    [InlineData(null, "61 * * * *", "five fields")]
    [InlineData(null, "0 0 * * * *", "five fields")]
    [InlineData(null, "", "five fields")]
    [InlineData(null, "@hourly", "five fields")] // Cronos reads these; the README promises five plain fields
    [InlineData(null, "0 0 L * *", "five fields")]
    [InlineData(null, "0 0 15W * *", "five fields")]
    [InlineData(null, "0 0 * * 1#2", "five fields")]
    [InlineData(null, "0 0 ? * *", "five fields")]
    [InlineData(null, "0 6 * * MON-FRI", "five fields")]
    [InlineData(null, "0 0 1 JAN *", "five fields")]
    [InlineData(null, "0 0 31 2 *", "never runs")]
    public void Unusable_schedules_say_why(int? minutes, string? cron, string expected)
    {
        var problem = new MonitorSchedule(minutes, cron).Problem();

        Assert.NotNull(problem);
        Assert.Contains(expected, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unusable_schedule_has_no_next_slot()
    {
        Assert.Throws<InvalidOperationException>(() => new MonitorSchedule(IntervalMinutes: 1).NextAfter(Monday0900, MonitorId));
    }
}

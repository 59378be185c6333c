using Meridian.Core.Monitors;
using Meridian.Testing.Monitors;

namespace Meridian.Core.Tests.Monitors;

public sealed class MonitorDocumentsTests
{
    private static readonly string MonitorId = SampleMonitors.IdAt(SampleMonitors.Day);
    private static readonly DateTimeOffset Now = SampleMonitors.Day.AddMinutes(7).AddSeconds(13);
    private static readonly DateTimeOffset Later = Now.AddDays(2);

    [Fact]
    public void A_new_monitor_is_revision_1_and_due_at_its_first_slot_after_now()
    {
        var definition = SampleMonitors.Definition(cron: "0 * * * *", intervalMinutes: null);

        var monitor = MonitorDocuments.New(MonitorId, definition, Now);

        Assert.Equal((1, Now, Now), (monitor.Revision, monitor.CreatedAt, monitor.UpdatedAt));
        Assert.Equal(SampleMonitors.Day.AddHours(1), monitor.Schedule.NextDueAt);
        Assert.Equal((0, 0, false), (monitor.History.Count, monitor.Deliveries.Count, monitor.Alerts.Open));
    }

    [Fact]
    public void A_new_disabled_monitor_is_never_due()
    {
        Assert.Null(MonitorDocuments.New(MonitorId, SampleMonitors.Definition(enabled: false), Now).Schedule.NextDueAt);
    }

    [Fact]
    public void Replacing_moves_the_revision_and_update_time_and_keeps_the_slot_when_the_schedule_is_unchanged()
    {
        var current = Recorded(MonitorDocuments.New(MonitorId, SampleMonitors.Definition(), Now));

        var replaced = MonitorDocuments.Replace(current, SampleMonitors.Definition(url: "https://shop.example/cart"), Later);

        Assert.Equal((2, Now, Later), (replaced.Revision, replaced.CreatedAt, replaced.UpdatedAt));
        Assert.Equal(new Uri("https://shop.example/cart"), replaced.Definition.Url);
        Assert.Equal(current.Schedule, replaced.Schedule);
        Assert.Same(current.History, replaced.History);
        Assert.Same(current.Alerts, replaced.Alerts);
    }

    [Fact]
    public void A_new_schedule_is_due_at_its_first_slot_after_the_change()
    {
        var current = Recorded(MonitorDocuments.New(MonitorId, SampleMonitors.Definition(intervalMinutes: 15), Now));
        var definition = SampleMonitors.Definition(cron: "30 3 * * *", intervalMinutes: null);

        var replaced = MonitorDocuments.Replace(current, definition, Later);

        Assert.Equal(definition.Schedule.NextAfter(Later, MonitorId), replaced.Schedule.NextDueAt);
        Assert.Equal(current.Schedule.LastAuditId, replaced.Schedule.LastAuditId);
    }

    [Fact]
    public void Disabling_clears_the_slot_and_enabling_again_starts_from_the_change()
    {
        var current = MonitorDocuments.New(MonitorId, SampleMonitors.Definition(), Now);

        var disabled = MonitorDocuments.Replace(current, SampleMonitors.Definition(enabled: false), Later);
        var enabled = MonitorDocuments.Replace(disabled, SampleMonitors.Definition(), Later.AddHours(1));

        Assert.Null(disabled.Schedule.NextDueAt);
        Assert.Equal(SampleMonitors.Definition().Schedule.NextAfter(Later.AddHours(1), MonitorId), enabled.Schedule.NextDueAt);
        Assert.Equal(3, enabled.Revision);
    }

    private static MonitorDocument Recorded(MonitorDocument monitor) =>
        monitor with { Schedule = monitor.Schedule with { LastSlotAt = Now, LastAuditId = "a1" } };
}

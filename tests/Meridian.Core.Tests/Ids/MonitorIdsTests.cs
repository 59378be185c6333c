using Meridian.Core.Ids;

namespace Meridian.Core.Tests.Ids;

public sealed class MonitorIdsTests
{
    private static readonly DateTimeOffset Slot = new(2026, 11, 23, 9, 15, 0, TimeSpan.Zero);

    [Fact]
    public void New_ids_are_well_formed_and_distinct()
    {
        var first = MonitorIds.New(TimeProvider.System);
        var second = MonitorIds.New(TimeProvider.System);

        Assert.True(MonitorIds.IsWellFormed(first));
        Assert.NotEqual(first, second);
    }

    [Theory]
    [InlineData("mon-")]
    [InlineData("mon-0192A4B6C8D07E1F8A2B3C4D5E6F7081")]
    [InlineData("abc-0192a4b6c8d07e1f8a2b3c4d5e6f7081")]
    [InlineData("mon-../../0192a4b6c8d07e1f8a2b3c4d5e6f")]
    [InlineData(null)]
    public void Other_text_is_not_a_monitor_id(string? id)
    {
        Assert.False(MonitorIds.IsWellFormed(id));
    }

    [Fact]
    public void A_slots_audit_id_is_a_well_formed_audit_id_made_at_the_slot()
    {
        var auditId = MonitorIds.AuditIdForSlot("mon-1", Slot);

        Assert.True(AuditIds.IsWellFormed(auditId));
        Assert.True(AuditIds.TryGetCreatedAt(auditId, out var createdAt));
        Assert.Equal(Slot, createdAt);
    }

    [Fact]
    public void The_same_monitor_and_slot_always_give_the_same_audit_id_and_anything_else_another()
    {
        var auditId = MonitorIds.AuditIdForSlot("mon-1", Slot);

        Assert.Equal(auditId, MonitorIds.AuditIdForSlot("mon-1", Slot));
        Assert.NotEqual(auditId, MonitorIds.AuditIdForSlot("mon-2", Slot));
        Assert.NotEqual(auditId, MonitorIds.AuditIdForSlot("mon-1", Slot.AddMinutes(5)));
    }
}

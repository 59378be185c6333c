using Meridian.Core.Machines;

namespace Meridian.Core.Tests.Machines;

public class CreatePacingTests
{
    private static readonly DateTime Start = new(2026, 11, 23, 12, 0, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData(0, 0)]
    [InlineData(2, 0)]
    [InlineData(3, 1200)]
    [InlineData(17, 18000)]
    public void Fly_default_sends_a_burst_of_three_then_one_every_1_2_seconds(int index, int expectedOffsetMs) =>
        Assert.Equal(Start.AddMilliseconds(expectedOffsetMs), CreatePacing.FlyDefault.SlotFor(index, Start));

    [Fact]
    public void A_burst_as_large_as_the_audit_sends_everything_at_once() =>
        Assert.Equal(Start, new CreatePacing(18, TimeSpan.FromSeconds(1)).SlotFor(17, Start));
}

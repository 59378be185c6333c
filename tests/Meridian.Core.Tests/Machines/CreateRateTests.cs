using Meridian.Core.Machines;
using Meridian.Testing.Fly;
using Microsoft.Extensions.Time.Testing;

namespace Meridian.Core.Tests.Machines;

public class CreateRateTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 4, 12, 0, 0, TimeSpan.Zero);
    private static readonly CreateRate Rate = new(2, TimeSpan.FromMilliseconds(1100));

    [Fact]
    public void A_burst_goes_at_once_then_one_create_per_interval()
    {
        var turns = Turns(Rate, Start, count: 5);

        Assert.Equal([0, 0, 1100, 2200, 3300], turns.Select(turn => (turn - Start).TotalMilliseconds));
    }

    [Fact]
    public void The_bucket_refills_continuously_so_after_a_quiet_spell_a_burst_goes_again()
    {
        var nextFree = Start;
        for (var i = 0; i < 2; i++)
        {
            (_, nextFree) = Rate.Take(nextFree, Start);
        }

        var later = Start + TimeSpan.FromSeconds(10);
        var (first, afterFirst) = Rate.Take(nextFree, later);
        var (second, _) = Rate.Take(afterFirst, later);

        Assert.Equal(later, first);
        Assert.Equal(later, second);
    }

    [Fact]
    public void After_a_hold_the_first_create_goes_at_its_end_and_the_next_one_interval_later_with_no_burst()
    {
        var (_, nextFree) = Rate.Take(Start, Start);
        var until = Start + TimeSpan.FromSeconds(5);

        nextFree = Rate.HoldUntil(nextFree, until);
        var (first, afterFirst) = Rate.Take(nextFree, Start);
        var (second, _) = Rate.Take(afterFirst, Start);

        Assert.Equal(until, first);
        Assert.Equal(until + Rate.Interval, second);
    }

    [Fact]
    public void A_hold_that_ends_before_the_turns_already_given_changes_nothing()
    {
        var nextFree = Start + TimeSpan.FromSeconds(30);

        Assert.Equal(nextFree, Rate.HoldUntil(nextFree, Start + TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public void The_default_rate_never_meets_Flys_limit_for_creates_asked_all_at_once()
    {
        var turns = Turns(CreateRate.FlyDefault, Start, count: 180);

        Assert.Equal(0, FlyCreateBudget.Refusals(turns.Select(turn => turn.UtcDateTime)));
    }

    [Fact]
    public async Task The_process_budget_gives_every_taker_its_own_turn()
    {
        var clock = new FakeTimeProvider(Start);
        var budget = new ProcessCreateBudget(Rate, clock);

        var turns = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => budget.TakeTurnAsync(CancellationToken.None)));
        await budget.HoldUntilAsync(Start + TimeSpan.FromMinutes(1), CancellationToken.None);

        Assert.Equal(19, turns.Distinct().Count()); // the burst of 2 shares the first turn
        Assert.Equal(Start + (Rate.Interval * 18), turns.Max());
        Assert.Equal(Start + TimeSpan.FromMinutes(1), await budget.TakeTurnAsync(CancellationToken.None));
    }

    /// <summary>The turns of <paramref name="count"/> creates all asked for at <paramref name="start"/>.</summary>
    private static List<DateTimeOffset> Turns(CreateRate rate, DateTimeOffset start, int count)
    {
        var nextFree = start;
        var turns = new List<DateTimeOffset>();
        for (var i = 0; i < count; i++)
        {
            (var sendAt, nextFree) = rate.Take(nextFree, start);
            turns.Add(sendAt);
        }

        return turns;
    }
}

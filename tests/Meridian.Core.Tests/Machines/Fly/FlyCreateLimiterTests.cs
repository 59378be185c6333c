using Meridian.Core.Machines.Fly;
using Microsoft.Extensions.Time.Testing;

namespace Meridian.Core.Tests.Machines.Fly;

public class FlyCreateLimiterTests
{
    private static HttpRequestMessage Create() => new(HttpMethod.Post, "https://api.machines.dev/v1/apps/meridian-workers/machines");

    [Fact]
    public async Task Three_creates_go_at_once_and_the_fourth_waits_its_interval()
    {
        var clock = new FakeTimeProvider();
        var limiter = new FlyCreateLimiter(clock);

        for (var i = 0; i < FlyCreateLimiter.Burst; i++)
        {
            Assert.True((await limiter.AcquireAsync(Create(), CancellationToken.None)).IsAcquired);
        }

        var fourth = limiter.AcquireAsync(Create(), CancellationToken.None).AsTask();
        clock.Advance(FlyCreateLimiter.Interval - TimeSpan.FromMilliseconds(1));
        Assert.False(fourth.IsCompleted);
        clock.Advance(TimeSpan.FromMilliseconds(1));
        await fourth.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task A_bucket_refills_continuously_so_after_a_quiet_spell_a_burst_goes_again()
    {
        var clock = new FakeTimeProvider();
        var limiter = new FlyCreateLimiter(clock);
        for (var i = 0; i < FlyCreateLimiter.Burst; i++)
        {
            await limiter.AcquireAsync(Create(), CancellationToken.None);
        }

        clock.Advance(FlyCreateLimiter.Interval * FlyCreateLimiter.Burst);

        var again = Enumerable.Range(0, FlyCreateLimiter.Burst).Select(_ => limiter.AcquireAsync(Create(), CancellationToken.None).AsTask()).ToList();
        Assert.All(again, acquire => Assert.True(acquire.IsCompletedSuccessfully));
    }

    [Theory]
    [InlineData("GET", "https://api.machines.dev/v1/apps/meridian-workers/machines")]
    [InlineData("POST", "https://api.machines.dev/v1/apps/meridian-workers/machines/3d8d9e1b2c4e78/start")]
    [InlineData("DELETE", "https://api.machines.dev/v1/apps/meridian-workers/machines/3d8d9e1b2c4e78")]
    public async Task Other_requests_are_never_held(string method, string url)
    {
        var clock = new FakeTimeProvider();
        var limiter = new FlyCreateLimiter(clock);
        for (var i = 0; i < FlyCreateLimiter.Burst; i++)
        {
            await limiter.AcquireAsync(Create(), CancellationToken.None);
        }

        var other = limiter.AcquireAsync(new HttpRequestMessage(new HttpMethod(method), url), CancellationToken.None);

        Assert.True(other.IsCompletedSuccessfully);
    }
}

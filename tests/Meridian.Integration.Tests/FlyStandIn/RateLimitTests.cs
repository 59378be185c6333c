using System.Net;
using Meridian.Local.FlyStandIn;
using Meridian.Integration.Tests.Monitors.Api;

namespace Meridian.Integration.Tests.FlyStandIn;

/// <summary>Each test has its own stand-in: the buckets are the point.</summary>
public sealed class RateLimitTests
{
    [Fact]
    public async Task Burst_of_five_creates_gets_three_through_and_two_429s_with_Retry_After()
    {
        await using var server = await FlyStandInServer.StartAsync(StandInApi.Options(rateLimits: true));
        using var api = new StandInApi(server);

        var responses = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => api.CreateRawAsync(StandInApi.Request(TestImages.ExitZero))));

        try
        {
            Assert.Equal(3, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
            var limited = responses.Where(r => r.StatusCode == HttpStatusCode.TooManyRequests).ToList();
            Assert.Equal(2, limited.Count);
            foreach (var response in limited)
            {
                Assert.True(response.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1), $"Retry-After: {response.Headers.RetryAfter}");
                Assert.Equal("rate limit exceeded", (await StandInApi.ErrorAsync(response, HttpStatusCode.TooManyRequests)).Error);
            }
        }
        finally
        {
            Array.ForEach(responses, r => r.Dispose());
        }
    }

    [Fact]
    public async Task Gets_allow_a_burst_of_ten_in_their_own_bucket()
    {
        await using var server = await FlyStandInServer.StartAsync(StandInApi.Options(rateLimits: true));
        using var api = new StandInApi(server);
        var machine = await api.CreateAsync(StandInApi.Request(TestImages.ExitZero));

        var burst = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => api.GetRawAsync(machine.Id)));
        var after = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => api.GetRawAsync(machine.Id)));

        Assert.All(burst, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        // 5/s refills a token every 200 ms: however slow this machine, most of these are over the limit.
        Assert.True(after.Count(r => r.StatusCode == HttpStatusCode.TooManyRequests) >= 3, string.Join(", ", after.Select(r => r.StatusCode)));
        Array.ForEach([.. burst, .. after], r => r.Dispose());
    }

    [Fact]
    public async Task Actions_are_limited_separately()
    {
        await using var server = await FlyStandInServer.StartAsync(StandInApi.Options(rateLimits: true));
        using var api = new StandInApi(server);
        var machine = (await api.CreateAsync(StandInApi.Request(TestImages.Tree))).Id;

        // Create until the create bucket is empty: a slow machine may refill a token between creates,
        // so the count it takes is not fixed, only that it ends in a 429.
        HttpStatusCode createStatus;
        var creates = 1;
        do
        {
            using var create = await api.CreateRawAsync(StandInApi.Request(TestImages.Tree));
            createStatus = create.StatusCode;
        }
        while (createStatus == HttpStatusCode.OK && ++creates < 20);

        using var list = await api.Http.GetAsync($"apps/{StandInApi.App}/machines");
        using var get = await api.GetRawAsync(machine);
        using var delete = await api.DeleteRawAsync(machine, force: true);

        Assert.Equal(HttpStatusCode.TooManyRequests, createStatus);
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Equal(HttpStatusCode.OK, delete.StatusCode);
    }

    [Fact]
    public async Task Waits_are_limited_per_machine_like_the_other_actions_not_like_gets()
    {
        await using var server = await FlyStandInServer.StartAsync(StandInApi.Options(rateLimits: true));
        using var api = new StandInApi(server);
        var first = (await api.CreateAsync(StandInApi.Request(TestImages.Tree))).Id;
        var second = (await api.CreateAsync(StandInApi.Request(TestImages.Tree))).Id;

        // Short waits for a state the machine is in: each answers at once.
        var onFirst = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => api.WaitRawAsync(first, "started", timeoutSeconds: 1)));
        var onSecond = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => api.WaitRawAsync(second, "started", timeoutSeconds: 1)));

        // 1/s, bursts of 3: at least one of the five on the first machine is refused; the second has a bucket of its own.
        Assert.True(onFirst.Any(r => r.StatusCode == HttpStatusCode.TooManyRequests), string.Join(", ", onFirst.Select(r => r.StatusCode)));
        Assert.All(onSecond, r => Assert.NotEqual(HttpStatusCode.TooManyRequests, r.StatusCode));
        Array.ForEach([.. onFirst, .. onSecond], r => r.Dispose());
    }

    [Fact]
    public async Task Limits_can_be_switched_off()
    {
        await using var server = await FlyStandInServer.StartAsync(StandInApi.Options(rateLimits: false));
        using var api = new StandInApi(server);

        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => api.CreateRawAsync(StandInApi.Request(TestImages.ExitZero))));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Array.ForEach(responses, r => r.Dispose());
    }
}

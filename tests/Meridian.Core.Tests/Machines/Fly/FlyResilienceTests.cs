using System.Diagnostics;
using System.Net;
using Meridian.Core.Machines.Fly;
using Refit;
using static Meridian.Core.Tests.Machines.Fly.ScriptedFlyHandler;

namespace Meridian.Core.Tests.Machines.Fly;

/// <summary>The retry rules of the real client pipeline (AddFlyMachines), against a scripted Fly.</summary>
public class FlyResilienceTests
{
    private static Func<Request, HttpResponseMessage> FailingThen(int failures, Func<HttpResponseMessage> failure)
    {
        var calls = 0;
        return _ => Interlocked.Increment(ref calls) <= failures ? failure() : Machine("e2865013b55978", "started");
    }

    [Theory]
    [InlineData(HttpStatusCode.TooManyRequests)]
    [InlineData(HttpStatusCode.InternalServerError)]
    [InlineData(HttpStatusCode.BadGateway)]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    public async Task Rate_limits_and_server_errors_are_retried(HttpStatusCode status)
    {
        using var fly = new FlyClientHarness(FailingThen(2, () => Error(status, "try later")));

        var machine = await fly.Api.GetMachineAsync(FlyClientHarness.App, "e2865013b55978", CancellationToken.None);

        Assert.Equal("started", machine.State);
        Assert.Equal(3, fly.Handler.Requests.Count);
    }

    [Theory]
    [InlineData(HttpStatusCode.TooManyRequests)]
    [InlineData(HttpStatusCode.BadGateway)]
    public async Task A_create_is_never_retried_by_the_pipeline_which_cannot_take_a_turn_of_the_apps_budget_or_look_for_a_machine_made(HttpStatusCode status)
    {
        using var fly = new FlyClientHarness(FailingThen(1, () => Error(status, "try later")));
        var request = FlyMachineRequests.For(FlyRegionMachinesTests.Job, new FlyOptions { AppName = FlyClientHarness.App, WorkerImage = "i", ApiToken = "t" });

        await Assert.ThrowsAsync<ApiException>(() => fly.Api.CreateMachineAsync(FlyClientHarness.App, request, CancellationToken.None));

        Assert.Single(fly.Handler.Requests);
    }

    [Fact]
    public void Retry_after_is_read_as_seconds_or_as_a_date_and_never_as_a_wait_into_the_past()
    {
        var now = new DateTimeOffset(2026, 12, 4, 12, 0, 0, TimeSpan.Zero);

        Assert.Equal(TimeSpan.FromSeconds(7), FlyResilience.RetryAfter(new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(7)), now));
        Assert.Equal(TimeSpan.FromSeconds(5), FlyResilience.RetryAfter(new System.Net.Http.Headers.RetryConditionHeaderValue(now.AddSeconds(5)), now));
        Assert.Equal(TimeSpan.Zero, FlyResilience.RetryAfter(new System.Net.Http.Headers.RetryConditionHeaderValue(now.AddSeconds(-5)), now));
        Assert.Null(FlyResilience.RetryAfter(null, now));
    }

    [Fact]
    public async Task Network_faults_are_retried()
    {
        var calls = 0;
        using var fly = new FlyClientHarness(_ => ++calls == 1 ? throw new HttpRequestException("connection reset") : Machine("e2865013b55978", "started"));

        await fly.Api.GetMachineAsync(FlyClientHarness.App, "e2865013b55978", CancellationToken.None);

        Assert.Equal(2, calls);
    }

    [Theory]
    [InlineData(HttpStatusCode.BadRequest)]
    [InlineData(HttpStatusCode.Unauthorized)]
    [InlineData(HttpStatusCode.NotFound)]
    [InlineData(HttpStatusCode.RequestTimeout)]
    [InlineData(HttpStatusCode.UnprocessableEntity)]
    public async Task Answers_that_will_not_change_are_not_retried(HttpStatusCode status)
    {
        using var fly = new FlyClientHarness(_ => Error(status, "no"));

        var error = await Assert.ThrowsAsync<ApiException>(() => fly.Api.GetMachineAsync(FlyClientHarness.App, "e2865013b55978", CancellationToken.None));

        Assert.Equal(status, error.StatusCode);
        Assert.Single(fly.Handler.Requests);
    }

    [Fact]
    public async Task Retry_after_from_Fly_sets_the_pause_before_the_next_attempt()
    {
        using var fly = new FlyClientHarness(FailingThen(1, () =>
        {
            var limited = Error(HttpStatusCode.TooManyRequests, "rate limit exceeded");
            limited.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(1));
            return limited;
        }));
        var clock = Stopwatch.StartNew();

        await fly.Api.GetMachineAsync(FlyClientHarness.App, "e2865013b55978", CancellationToken.None);

        // The base delay is 1 ms here: a pause of a second can only come from Retry-After.
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(950), $"retried after {clock.Elapsed.TotalMilliseconds:F0} ms");
        Assert.Equal(2, fly.Handler.Requests.Count);
    }

    [Theory]
    [InlineData(HttpStatusCode.PreconditionFailed, """{"error":"insufficient resources","status":"insufficient_capacity"}""", FlyFailureKind.RegionUnavailable)]
    [InlineData(HttpStatusCode.Conflict, """{"error":"insufficient memory available to fulfill request"}""", FlyFailureKind.RegionUnavailable)]
    [InlineData(HttpStatusCode.Forbidden, """{"error":"over the allowed quota, consider other regions"}""", FlyFailureKind.RegionUnavailable)]
    [InlineData(HttpStatusCode.Forbidden, """{"error":"forbidden"}""", FlyFailureKind.Configuration)]
    [InlineData(HttpStatusCode.Unauthorized, """{"error":"unauthorized"}""", FlyFailureKind.Configuration)]
    [InlineData(HttpStatusCode.BadRequest, """{"error":"invalid config.guest.cpus"}""", FlyFailureKind.Configuration)]
    [InlineData(HttpStatusCode.NotFound, """{"error":"machine not found"}""", FlyFailureKind.NotFound)]
    [InlineData(HttpStatusCode.Conflict, """{"error":"machine name already exists"}""", FlyFailureKind.AlreadyExists)]
    [InlineData(HttpStatusCode.TooManyRequests, """{"error":"rate limit exceeded"}""", FlyFailureKind.Transient)]
    [InlineData(HttpStatusCode.BadGateway, "<html>bad gateway</html>", FlyFailureKind.Transient)]
    public void Fly_errors_fall_into_the_closed_set_the_orchestration_acts_on(HttpStatusCode status, string body, FlyFailureKind expected)
    {
        var failure = FlyFailure.FromResponse(status, body);

        Assert.Equal(expected, failure.Kind);
        Assert.StartsWith($"Fly answered {(int)status}: ", failure.Message, StringComparison.Ordinal);
    }
}

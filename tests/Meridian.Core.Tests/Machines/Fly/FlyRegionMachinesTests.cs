using System.Net;
using System.Text.Json;
using Meridian.Contract.Jobs;
using Meridian.Core.Machines;
using Meridian.Core.Machines.Fly;
using Meridian.Testing.Audits;
using Microsoft.Extensions.DependencyInjection;
using Moq;
using static Meridian.Core.Tests.Machines.Fly.ScriptedFlyHandler;

namespace Meridian.Core.Tests.Machines.Fly;

public class FlyRegionMachinesTests
{
    private const string MachinesPath = "/v1/apps/meridian-workers/machines";

    // Ten years out: a create is only sent while its turn leaves time before the deadline.
    internal static readonly WorkerJob Job = TestWorkerJobs.Create(deadline: new DateTimeOffset(2036, 11, 23, 12, 10, 0, TimeSpan.Zero));

    [Fact]
    public async Task Start_creates_the_machine_and_waits_until_it_has_started()
    {
        using var fly = new FlyClientHarness(request => (request.Method.Method, request.Uri.AbsolutePath) switch
        {
            ("POST", MachinesPath) => Machine("e2865013b55978", "created"),
            ("GET", $"{MachinesPath}/e2865013b55978/wait") => Json(HttpStatusCode.OK, """{"ok":true}"""),
            _ => Error(HttpStatusCode.NotFound, "unexpected"),
        });

        var result = await fly.Machines.StartAsync(Job, CancellationToken.None);

        Assert.Equal(MachineStartResult.Started("e2865013b55978"), result);
        var wait = fly.Handler.Requests[1];
        Assert.Equal($"{MachinesPath}/e2865013b55978/wait?state=started&timeout={FlyRegionMachines.WaitSecondsPerCall}", wait.PathAndQuery);
        Assert.All(fly.Handler.Requests, request => Assert.Equal($"Bearer {FlyClientHarness.Token}", request.Authorization));
    }

    [Fact]
    public async Task Create_request_carries_the_job_in_env_and_metadata_and_a_one_shot_config()
    {
        using var fly = new FlyClientHarness(request => request.Method == HttpMethod.Post
            ? Machine("e2865013b55978", "created")
            : Json(HttpStatusCode.OK, "{}"));

        await fly.Machines.StartAsync(Job, CancellationToken.None);

        using var body = JsonDocument.Parse(fly.Handler.Requests[0].Body);
        var root = body.RootElement;
        var config = root.GetProperty("config");
        Assert.Equal("iad", root.GetProperty("region").GetString());
        Assert.Equal("meridian-iad-audit-1", root.GetProperty("name").GetString());
        Assert.True(config.GetProperty("auto_destroy").GetBoolean());
        Assert.Equal("no", config.GetProperty("restart").GetProperty("policy").GetString());
        Assert.Equal("performance", config.GetProperty("guest").GetProperty("cpu_kind").GetString());
        Assert.Equal(2, config.GetProperty("guest").GetProperty("cpus").GetInt32());
        Assert.Equal(4096, config.GetProperty("guest").GetProperty("memory_mb").GetInt32());
        Assert.Equal("SIGTERM", config.GetProperty("stop_config").GetProperty("signal").GetString());
        Assert.Equal("30s", config.GetProperty("stop_config").GetProperty("timeout").GetString());
        Assert.Equal("audit-1", config.GetProperty("metadata").GetProperty("meridian_audit_id").GetString());
        Assert.Equal("iad", config.GetProperty("metadata").GetProperty("meridian_region").GetString());
        Assert.Equal("https://shop.example/", config.GetProperty("env").GetProperty(WorkerEnvironment.TargetUrl).GetString());
        Assert.Equal("2036-11-23T12:10:00Z", config.GetProperty("env").GetProperty(WorkerEnvironment.Deadline).GetString());
        Assert.False(config.TryGetProperty("services", out _), "audit machines take no traffic");
        Assert.DoesNotContain("null", fly.Handler.Requests[0].Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wait_that_times_out_is_polled_again_not_retried_as_a_fault()
    {
        var waits = 0;
        using var fly = new FlyClientHarness(request => (request.Method.Method, request.Uri.AbsolutePath) switch
        {
            ("POST", _) => Machine("e2865013b55978", "created"),
            ("GET", var path) when path.EndsWith("/wait", StringComparison.Ordinal) => ++waits < 3
                ? Error(HttpStatusCode.RequestTimeout, "deadline_exceeded: machine did not reach state started")
                : Json(HttpStatusCode.OK, "{}"),
            ("GET", _) => Machine("e2865013b55978", "starting"),
            _ => Error(HttpStatusCode.NotFound, "unexpected"),
        });

        var result = await fly.Machines.StartAsync(Job, CancellationToken.None);

        Assert.Equal(MachineStartStatus.Started, result.Status);
        Assert.Equal(3, waits);
    }

    [Fact]
    public async Task Worker_that_exited_before_the_wait_saw_it_started_counts_as_started()
    {
        using var fly = new FlyClientHarness(request => (request.Method.Method, request.Uri.AbsolutePath) switch
        {
            ("POST", _) => Machine("e2865013b55978", "created"),
            ("GET", var path) when path.EndsWith("/wait", StringComparison.Ordinal) => Error(HttpStatusCode.RequestTimeout, "deadline_exceeded"),
            _ => Machine("e2865013b55978", "stopped"),
        });

        Assert.Equal(MachineStartStatus.Started, (await fly.Machines.StartAsync(Job, CancellationToken.None)).Status);
    }

    [Theory]
    [InlineData("failed")]
    [InlineData("launch_failed")]
    public async Task Machine_that_will_never_start_fails_the_region_at_the_first_look_and_is_destroyed(string state)
    {
        using var fly = new FlyClientHarness(
            request => (request.Method.Method, request.Uri.AbsolutePath) switch
            {
                ("POST", _) => Machine("e2865013b55978", "created"),
                ("GET", var path) when path.EndsWith("/wait", StringComparison.Ordinal) => Error(HttpStatusCode.RequestTimeout, "deadline_exceeded"),
                ("GET", _) => Machine("e2865013b55978", state),
                _ => Json(HttpStatusCode.OK, "{}"),
            });

        var result = await fly.Machines.StartAsync(Job, CancellationToken.None);

        Assert.Equal(MachineStartStatus.Failed, result.Status);
        Assert.Contains($"failed to start (state {state})", result.Reason, StringComparison.Ordinal);
        Assert.Single(fly.Handler.Requests, r => r.PathAndQuery.Contains("/wait", StringComparison.Ordinal)); // not at the start timeout
        Assert.Contains(fly.Handler.Requests, r => r.Method == HttpMethod.Delete && r.PathAndQuery == $"{MachinesPath}/e2865013b55978?force=true");
    }

    [Theory]
    [InlineData(HttpStatusCode.BadRequest, "machine is not in a state that can be waited on")]
    [InlineData(HttpStatusCode.PreconditionFailed, "instance_id does not match")]
    public async Task Wait_that_Fly_refuses_fails_the_region_and_destroys_the_machine_without_stopping_the_audit(HttpStatusCode status, string error)
    {
        using var fly = new FlyClientHarness(
            request => (request.Method.Method, request.Uri.AbsolutePath) switch
            {
                ("POST", _) => Machine("e2865013b55978", "created"),
                ("GET", var path) when path.EndsWith("/wait", StringComparison.Ordinal) => Error(status, error),
                ("GET", _) => Machine("e2865013b55978", "created"),
                _ => Json(HttpStatusCode.OK, "{}"),
            });

        var result = await fly.Machines.StartAsync(Job, CancellationToken.None);

        Assert.Equal(MachineStartStatus.Failed, result.Status);
        Assert.Contains("could not be waited on", result.Reason, StringComparison.Ordinal);
        Assert.Contains(error, result.Reason, StringComparison.Ordinal);
        Assert.Contains(fly.Handler.Requests, r => r.Method == HttpMethod.Delete && r.PathAndQuery == $"{MachinesPath}/e2865013b55978?force=true");
    }

    [Fact]
    public async Task Wait_refused_for_a_machine_that_has_started_counts_as_started()
    {
        using var fly = new FlyClientHarness(request => (request.Method.Method, request.Uri.AbsolutePath) switch
        {
            ("POST", _) => Machine("e2865013b55978", "created"),
            ("GET", var path) when path.EndsWith("/wait", StringComparison.Ordinal) => Error(HttpStatusCode.BadRequest, "already started"),
            _ => Machine("e2865013b55978", "started"),
        });

        Assert.Equal(MachineStartStatus.Started, (await fly.Machines.StartAsync(Job, CancellationToken.None)).Status);
        Assert.DoesNotContain(fly.Handler.Requests, r => r.Method == HttpMethod.Delete);
    }

    [Theory]
    [InlineData(HttpStatusCode.PreconditionFailed, """{"error":"insufficient resources available to fulfill request","status":"insufficient_capacity"}""", MachineStartStatus.RegionUnavailable)]
    [InlineData(HttpStatusCode.Conflict, """{"error":"insufficient memory available to fulfill request"}""", MachineStartStatus.RegionUnavailable)]
    [InlineData(HttpStatusCode.Forbidden, """{"error":"your organization is over the allowed quota for this region; consider other regions"}""", MachineStartStatus.RegionUnavailable)]
    [InlineData(HttpStatusCode.UnprocessableEntity, """{"error":"invalid region 'xyz'"}""", MachineStartStatus.RegionUnavailable)]
    [InlineData(HttpStatusCode.Unauthorized, """{"error":"unauthorized"}""", MachineStartStatus.ConfigurationError)]
    [InlineData(HttpStatusCode.UnprocessableEntity, """{"error":"could not resolve image registry.fly.io/nope:1"}""", MachineStartStatus.ConfigurationError)]
    [InlineData(HttpStatusCode.NotFound, """{"error":"app not found"}""", MachineStartStatus.ConfigurationError)]
    public async Task Refused_create_becomes_a_result_with_Flys_own_text(HttpStatusCode status, string body, MachineStartStatus expected)
    {
        using var fly = new FlyClientHarness(_ => Json(status, body));

        var result = await fly.Machines.StartAsync(Job, CancellationToken.None);

        Assert.Equal(expected, result.Status);
        Assert.Contains(JsonDocument.Parse(body).RootElement.GetProperty("error").GetString()!, result.Reason, StringComparison.Ordinal);
        Assert.Single(fly.Handler.Requests);
    }

    [Theory]
    [InlineData(HttpStatusCode.Conflict, "already_exists: unique machine name violation, machine ID a1b2c3d4e5f607 already exists with name \\\"meridian-iad-audit-1\\\"")] // Fly's words
    [InlineData(HttpStatusCode.Conflict, "machine with name meridian-iad-audit-1 already exists")]
    [InlineData(HttpStatusCode.UnprocessableEntity, "machine name must be unique within the app")] // a clash, not a configuration error
    public async Task Create_answered_with_a_name_clash_adopts_the_machine_of_the_earlier_attempt(HttpStatusCode status, string error)
    {
        using var fly = new FlyClientHarness(request => (request.Method.Method, request.Uri.AbsolutePath) switch
        {
            ("POST", _) => Error(status, error),
            ("GET", MachinesPath) => Json(HttpStatusCode.OK, """[{"id":"a1b2c3d4e5f607","state":"started","region":"iad"}]"""),
            _ => Json(HttpStatusCode.OK, "{}"),
        });

        var result = await fly.Machines.StartAsync(Job, CancellationToken.None);

        Assert.Equal(MachineStartResult.Started("a1b2c3d4e5f607"), result);
        var list = fly.Handler.Requests.Single(r => r.Method == HttpMethod.Get && r.Uri.AbsolutePath == MachinesPath);
        Assert.Contains("region=iad", list.Uri.Query, StringComparison.Ordinal);
        Assert.Contains("metadata.meridian_audit_id=audit-1", list.Uri.Query, StringComparison.Ordinal);
        Assert.Contains("metadata.meridian_region=iad", list.Uri.Query, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(HttpStatusCode.ServiceUnavailable, "flyd is restarting", "Fly answered 503: flyd is restarting", 4)] // the first attempt and three retries, a look after each
    [InlineData(HttpStatusCode.Conflict, "machine name already exists", "yet no machine of this audit and region is listed", 1)] // a clash with nothing to adopt: no retry
    public async Task Create_failures_that_outlive_the_clients_tries_are_a_failed_start_with_Flys_words(
        HttpStatusCode status, string error, string reason, int creates)
    {
        using var fly = new FlyClientHarness(request => (request.Method.Method, request.Uri.AbsolutePath) switch
        {
            ("POST", _) => Error(status, error),
            _ => Json(HttpStatusCode.OK, "[]"),
        });

        var result = await fly.Machines.StartAsync(Job, CancellationToken.None);

        // A result, not an exception: the Functions host would rewrite an exception's message; the region fails, not the audit.
        Assert.Equal(MachineStartStatus.Failed, result.Status);
        Assert.Contains(reason, result.Reason, StringComparison.Ordinal);
        Assert.Equal(creates, fly.Handler.Requests.Count(r => r.Method == HttpMethod.Post));
        Assert.Equal(creates, fly.Handler.Requests.Count(r => r.Method == HttpMethod.Get));
    }

    [Theory]
    [InlineData(HttpStatusCode.InternalServerError)]
    [InlineData(HttpStatusCode.BadGateway)]
    [InlineData(HttpStatusCode.GatewayTimeout)]
    public async Task Create_whose_answer_was_an_error_but_that_made_the_machine_adopts_it_and_makes_no_twin(HttpStatusCode status)
    {
        using var fly = new FlyClientHarness(request => (request.Method.Method, request.Uri.AbsolutePath) switch
        {
            ("POST", _) => Error(status, "upstream went away"),
            ("GET", MachinesPath) => Json(HttpStatusCode.OK, """[{"id":"a1b2c3d4e5f607","state":"created","region":"iad"}]"""),
            ("GET", _) => Machine("a1b2c3d4e5f607", "started"),
            _ => Json(HttpStatusCode.OK, "{}"),
        });

        var result = await fly.Machines.StartAsync(Job, CancellationToken.None);

        Assert.Equal(MachineStartResult.Started("a1b2c3d4e5f607"), result);
        Assert.Single(fly.Handler.Requests, r => r.Method == HttpMethod.Post);
        Assert.Contains(fly.LogLines, line => line.Contains("adopted machine a1b2c3d4e5f607", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Create_cut_off_before_it_made_anything_is_sent_again_after_a_look()
    {
        var posts = 0;
        using var fly = new FlyClientHarness(request => (request.Method.Method, request.Uri.AbsolutePath) switch
        {
            ("POST", _) when ++posts == 1 => throw new HttpRequestException("connection reset"),
            ("POST", _) => Machine("a1b2c3d4e5f607", "created"),
            ("GET", MachinesPath) => Json(HttpStatusCode.OK, "[]"),
            ("GET", _) => Machine("a1b2c3d4e5f607", "started"),
            _ => Json(HttpStatusCode.OK, "{}"),
        });

        var result = await fly.Machines.StartAsync(Job, CancellationToken.None);

        Assert.Equal(MachineStartResult.Started("a1b2c3d4e5f607"), result);
        Assert.Equal(2, posts);
        var order = fly.Handler.Requests.Select(r => r.Method == HttpMethod.Post ? "create" : r.Uri.AbsolutePath == MachinesPath ? "list" : "other").Take(3);
        Assert.Equal(["create", "list", "create"], order);
    }

    [Fact]
    public async Task A_create_refused_by_the_rate_limit_goes_again_after_Flys_Retry_After_and_the_apps_budget_waits_with_it()
    {
        var posts = new List<DateTimeOffset>();
        using var fly = new FlyClientHarness(request => (request.Method.Method, request.Uri.AbsolutePath) switch
        {
            ("POST", _) => Posted(posts) == 1 ? RateLimited(TimeSpan.FromSeconds(1)) : Machine("a1b2c3d4e5f607", "created"),
            _ => Machine("a1b2c3d4e5f607", "started"),
        });

        var result = await fly.Machines.StartAsync(Job, CancellationToken.None);
        var nextTurn = await fly.Get<ICreateBudget>().TakeTurnAsync(CancellationToken.None);

        Assert.Equal(MachineStartResult.Started("a1b2c3d4e5f607"), result);
        Assert.Equal(2, posts.Count);
        Assert.True(posts[1] - posts[0] >= TimeSpan.FromSeconds(1), $"sent again after {(posts[1] - posts[0]).TotalMilliseconds:F0} ms");
        Assert.True(nextTurn >= posts[0] + TimeSpan.FromSeconds(1), "the next create of the app would not have waited for Fly's Retry-After");
        Assert.DoesNotContain(fly.Handler.Requests, r => r.Uri.AbsolutePath == MachinesPath && r.Method == HttpMethod.Get); // a 429 made nothing: no look
    }

    [Fact]
    public async Task Rate_limits_that_outlive_the_retries_are_a_failed_start_with_Flys_words_and_each_held_the_budget()
    {
        var budget = Budget(() => DateTimeOffset.UtcNow);
        using var fly = new FlyClientHarness(_ => RateLimited(TimeSpan.Zero), services: services => services.AddSingleton(budget.Object));

        var result = await fly.Machines.StartAsync(Job, CancellationToken.None);

        Assert.Equal(MachineStartStatus.Failed, result.Status);
        Assert.Equal("Fly answered 429: rate limited", result.Reason);
        Assert.Equal(4, fly.Handler.Requests.Count); // the first attempt and three retries, each a create
        budget.Verify(b => b.HoldUntilAsync(It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>()), Times.Exactly(4)); // the last one too
    }

    [Fact]
    public async Task A_create_whose_turn_would_come_too_close_to_the_deadline_is_not_sent_and_fails_the_region_only()
    {
        var budget = Budget(() => Job.Deadline - TimeSpan.FromSeconds(10));
        using var fly = new FlyClientHarness(_ => Machine("a1b2c3d4e5f607", "started"), services: services => services.AddSingleton(budget.Object));

        var result = await fly.Machines.StartAsync(Job, CancellationToken.None);

        Assert.Equal(MachineStartStatus.Failed, result.Status);
        Assert.Contains("too close to the audit's deadline", result.Reason, StringComparison.Ordinal);
        Assert.Empty(fly.Handler.Requests);
    }

    [Theory]
    [InlineData(1, 2)] // one late turn, given up; the next is on time
    [InlineData(10, 4)] // late every time (storage slow for every write): three given up, then it goes
    public async Task A_create_turn_reached_late_is_given_up_for_another_but_never_without_end(int lateTurns, int turnsTaken)
    {
        var taken = 0;
        var budget = Budget(() => ++taken <= lateTurns ? DateTimeOffset.UtcNow - TimeSpan.FromSeconds(5) : DateTimeOffset.UtcNow);
        using var fly = new FlyClientHarness(
            request => request.Method == HttpMethod.Post ? Machine("a1b2c3d4e5f607", "created") : Machine("a1b2c3d4e5f607", "started"),
            settings: new() { ["Fly:CreateIntervalMs"] = "1000" },
            services: services => services.AddSingleton(budget.Object));

        var result = await fly.Machines.StartAsync(Job, CancellationToken.None);

        Assert.Equal(MachineStartResult.Started("a1b2c3d4e5f607"), result);
        Assert.Equal(turnsTaken, taken);
        Assert.Single(fly.Handler.Requests, r => r.Method == HttpMethod.Post);
    }

    [Theory]
    [InlineData("1763899800123")]
    [InlineData("\"2025-11-23T12:10:00.123Z\"")]
    public async Task Destroy_returns_the_exit_read_from_the_exit_event_in_either_timestamp_form(string exitedAt)
    {
        var events = """[{"type":"exit","status":"stopped","source":"flyd","timestamp":1763899800200,"request":{"exit_event":{"exit_code":137,"oom_killed":true,"exited_at":"""
            + exitedAt
            + """}}},{"type":"start","status":"started","timestamp":1763899700000}]""";
        using var fly = new FlyClientHarness(request => request.Method == HttpMethod.Get
            ? Machine("e2865013b55978", "stopped", events)
            : Json(HttpStatusCode.OK, """{"ok":true}"""));

        var exit = await fly.Machines.DestroyAsync("audit-1", "iad", "e2865013b55978", CancellationToken.None);

        Assert.Equal(new MachineExit(137, OomKilled: true, new DateTimeOffset(2025, 11, 23, 12, 10, 0, 123, TimeSpan.Zero)), exit);
        Assert.Equal($"{MachinesPath}/e2865013b55978?force=true", fly.Handler.Requests.Single(r => r.Method == HttpMethod.Delete).PathAndQuery);
    }

    [Fact]
    public async Task Destroy_without_an_id_finds_the_regions_machines_by_metadata()
    {
        using var fly = new FlyClientHarness(request => (request.Method.Method, request.Uri.AbsolutePath) switch
        {
            ("GET", MachinesPath) => Json(HttpStatusCode.OK, """[{"id":"a1","state":"started"},{"id":"b2","state":"started"}]"""),
            ("GET", var path) => Machine(path.Split('/')[^1], "started"),
            _ => Json(HttpStatusCode.OK, "{}"),
        });

        var exit = await fly.Machines.DestroyAsync("audit-1", "iad", null, CancellationToken.None);

        Assert.Null(exit);
        Assert.Equal(
            [$"{MachinesPath}/a1?force=true", $"{MachinesPath}/b2?force=true"],
            fly.Handler.Requests.Where(r => r.Method == HttpMethod.Delete).Select(r => r.PathAndQuery));
    }

    [Fact]
    public async Task Destroying_a_machine_that_is_already_gone_is_not_an_error()
    {
        using var fly = new FlyClientHarness(_ => Error(HttpStatusCode.NotFound, "machine not found"));

        Assert.Null(await fly.Machines.DestroyAsync("audit-1", "iad", "e2865013b55978", CancellationToken.None));
    }



    private static int Posted(List<DateTimeOffset> posts)
    {
        lock (posts)
        {
            posts.Add(DateTimeOffset.UtcNow);
            return posts.Count;
        }
    }

    private static HttpResponseMessage RateLimited(TimeSpan retryAfter)
    {
        var response = Error(HttpStatusCode.TooManyRequests, "rate limited");
        response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(retryAfter);
        return response;
    }

    /// <summary>A create budget that hands out the turns <paramref name="turn"/> gives, in place of the app's.</summary>
    private static Mock<ICreateBudget> Budget(Func<DateTimeOffset> turn)
    {
        var budget = new Mock<ICreateBudget>();
        budget.Setup(b => b.TakeTurnAsync(It.IsAny<CancellationToken>())).ReturnsAsync(turn);
        return budget;
    }
}

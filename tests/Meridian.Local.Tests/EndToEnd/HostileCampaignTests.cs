using Meridian.Local.Hosting;
using Meridian.Testing.Api;
using Meridian.Testing.Worker;

namespace Meridian.Local.Tests.EndToEnd;

/// <summary>
/// The whole hostile-input campaign (the benchmark's <c>hostile</c> command) on the local host as
/// <c>serve</c> runs it, refusing private targets: the API's inputs, the report pages and the server's
/// limits. No 5xx, no SSRF target accepted, no stack trace, every error with a message, every status
/// as expected; the tally is the failure message.
/// </summary>
public sealed class HostileCampaignTests : IAsyncLifetime
{
    private readonly string data = Directory.CreateTempSubdirectory("meridian-hostile-").FullName;
    private LocalCloud? cloud;

    // As serve runs by default: private targets refused.
    public async Task InitializeAsync() => cloud = await LocalCloud.StartAsync(LocalAudits.Options(data) with
    {
        WorkerCommand = InstantLighthouse.Worker(Path.Combine(data, "lighthouse")),
        AllowPrivateTargets = false,
    });

    public async Task DisposeAsync()
    {
        if (cloud is not null)
        {
            await cloud.DisposeAsync();
        }

        Directory.Delete(data, recursive: true);
    }

    [Fact]
    public async Task Every_hostile_input_is_answered_right()
    {
        var tally = await HostileCampaign.RunAsync(cloud!.BaseUrl);

        Assert.True(tally.Clean, tally.Describe());
        Assert.True(tally.SsrfSent > 300, tally.Describe());
        Assert.True(tally.ByStatus.Keys.All(status => status is >= 400 and < 500), tally.Describe());
    }

    [Fact]
    public async Task The_campaign_leaves_no_monitor_behind()
    {
        await HostileCampaign.RunAsync(cloud!.BaseUrl, HostileScope.Api);

        using var http = new HttpClient { BaseAddress = cloud.BaseUrl };
        Assert.Equal("""{"items":[],"continuationToken":null}""", await http.GetStringAsync("api/monitors"));
    }
}

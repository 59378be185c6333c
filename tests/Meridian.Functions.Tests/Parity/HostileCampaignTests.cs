using Meridian.Testing.Api;

namespace Meridian.Functions.Tests.Parity;

/// <summary>
/// The hostile-input campaign (the benchmark's <c>hostile</c> command) on the Functions app, refusing
/// private targets: no 5xx, no SSRF target accepted, no stack trace, every error with a message, every
/// status as expected. The API's inputs only: the Functions app has no report pages, and unknown routes,
/// wrong methods and the server's limits (URL and header sizes, broken framing) are answered by the
/// Functions host before the app sees the request. The local host gets all of it in its own tests.
/// </summary>
public sealed class HostileCampaignTests(ParityHosts hosts) : IClassFixture<ParityHosts>
{
    [Fact]
    public async Task The_Functions_app_answers_every_hostile_input_right()
    {
        var tally = await HostileCampaign.RunAsync(hosts.FunctionsUrl, HostileScope.Api, functionKey: hosts.FunctionKey);

        Assert.True(tally.Clean, tally.Describe());
        Assert.True(tally.SsrfSent > 300, tally.Describe());
    }
}

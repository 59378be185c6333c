using System.Net;
using Meridian.Core.Machines.Fly;
using static Meridian.Core.Tests.Machines.Fly.ScriptedFlyHandler;

namespace Meridian.Core.Tests.Machines.Fly;

/// <summary>The Fly token travels in the Authorization header and nowhere else: not in logs, errors or results.</summary>
public class FlyTokenSecrecyTests
{
    public static TheoryData<string> Failures() => ["unauthorized", "server errors", "network down", "capacity"];

    [Theory]
    [MemberData(nameof(Failures))]
    public async Task Token_appears_in_no_log_line_exception_or_result(string failure)
    {
        using var fly = new FlyClientHarness(_ => failure switch
        {
            "unauthorized" => Error(HttpStatusCode.Unauthorized, "unauthorized"),
            "server errors" => Error(HttpStatusCode.InternalServerError, "oops"),
            "network down" => throw new HttpRequestException("Connection refused (fly.test:443)"),
            _ => Error(HttpStatusCode.PreconditionFailed, "insufficient resources", "insufficient_capacity"),
        });

        var seen = new List<string>();
        try
        {
            var result = await fly.Machines.StartAsync(FlyRegionMachinesTests.Job, CancellationToken.None);
            seen.Add(result.ToString());
        }
        catch (FlyApiException error)
        {
            seen.Add(error.ToString());
            seen.Add(error.Failure.ToString());
        }

        seen.AddRange(fly.LogLines);
        Assert.NotEmpty(fly.LogLines); // the client did log: the check below has something to look at
        Assert.All(seen, text => Assert.DoesNotContain(FlyClientHarness.Token, text, StringComparison.Ordinal));
        Assert.Contains(fly.Handler.Requests, r => r.Authorization == $"Bearer {FlyClientHarness.Token}");
    }

    [Fact]
    public void Options_describe_themselves_without_the_token() =>
        Assert.DoesNotContain(
            FlyClientHarness.Token,
            new FlyOptions { AppName = "a", WorkerImage = "i", ApiToken = FlyClientHarness.Token }.ToString(),
            StringComparison.Ordinal);
}

namespace Meridian.Local.Tests.EndToEnd;

/// <summary>
/// <c>audit</c> refuses a URL it could never audit before it starts anything: exit code 2, the API's
/// own message, and no Azurite, stand-in or API started for nothing.
/// </summary>
public sealed class AuditCommandInputTests : IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    private readonly string data = Directory.CreateTempSubdirectory("meridian-audit-input-").FullName;

    [Theory]
    [InlineData("https://meridian-test.invalid/", "resolve")] // .invalid never resolves (RFC 6761)
    [InlineData("http://127.0.0.1:8080/", "add --allow-private")]
    [InlineData("http://[::ffff:0:7f00:1]/", "is not allowed")] // IPv4-translated: refused even with --allow-private
    [InlineData("ftp://example.org/", "http")]
    public async Task A_url_that_cannot_be_audited_is_refused_with_exit_code_2_before_anything_starts(string url, string said)
    {
        using var host = LocalHostProcess.Start(["audit", url, "--data", data]);

        Assert.Equal(2, await host.WaitForExitAsync(Bound));
        Assert.Contains(said, host.Output, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Starting Azurite", host.Output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(data, "azurite")), "Azurite's data folder was created");
    }

    public void Dispose() => Directory.Delete(data, recursive: true);
}

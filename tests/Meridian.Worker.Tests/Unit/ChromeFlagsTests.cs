using Meridian.Worker.Lighthouse;

namespace Meridian.Worker.Tests.Unit;

public class ChromeFlagsTests
{
    private const string Profile = "/tmp/meridian-chrome-profile-run-1-1";

    [Theory]
    [InlineData("--headless=new")]
    [InlineData("--disable-gpu")]
    [InlineData("--disable-dev-shm-usage")]
    [InlineData("--disable-background-networking")]
    [InlineData("--disable-component-update")]
    [InlineData("--disable-sync")]
    [InlineData("--no-first-run")]
    public void Flag_from_the_design_is_always_passed(string flag)
    {
        Assert.Contains(flag, ChromeFlags.For(Profile, noSandbox: false));
        Assert.Contains(flag, ChromeFlags.For(Profile, noSandbox: true));
    }

    [Fact]
    public void Sandbox_stays_on_unless_asked_otherwise()
    {
        Assert.DoesNotContain("--no-sandbox", ChromeFlags.For(Profile, noSandbox: false));
    }

    [Fact]
    public void Sandbox_is_turned_off_when_asked()
    {
        Assert.Single(ChromeFlags.For(Profile, noSandbox: true), flag => flag == "--no-sandbox");
    }

    [Fact]
    public void Run_gets_its_own_profile_directory()
    {
        Assert.Single(ChromeFlags.For(Profile, noSandbox: false), flag => flag.StartsWith("--user-data-dir=", StringComparison.Ordinal));
        Assert.Contains($"--user-data-dir={Profile}", ChromeFlags.For(Profile, noSandbox: false));
    }

    [Fact]
    public void Nothing_but_the_design_flags_the_sandbox_and_the_profile_is_passed()
    {
        Assert.Equal(
            ["--headless=new", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--no-sandbox", $"--user-data-dir={Profile}"],
            ChromeFlags.For(Profile, noSandbox: true));
    }

    [Fact]
    public void Sandbox_without_a_setting_is_off_only_for_root()
    {
        Assert.Equal(Environment.IsPrivilegedProcess, ChromeFlags.NoSandbox(null));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Explicit_sandbox_setting_wins_over_who_runs_the_worker(bool setting)
    {
        Assert.Equal(setting, ChromeFlags.NoSandbox(setting));
    }
}

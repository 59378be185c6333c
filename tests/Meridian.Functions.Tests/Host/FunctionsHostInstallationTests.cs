using Meridian.Local.FunctionsHost;

namespace Meridian.Functions.Tests.Host;

/// <summary>How the tests and the <c>functions</c> command find a Functions host (an empty setting stands for none).</summary>
public sealed class FunctionsHostInstallationTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("meridian-host-search-").FullName;

    [Fact]
    public void A_folder_holding_func_host_is_the_launcher()
    {
        var launcher = Program("func-host");

        Assert.Equal(new FunctionsHostInstallation(FunctionsHostKind.FuncHostLauncher, launcher), FunctionsHostInstallation.Find(folder, pathVariable: ""));
    }

    [Fact]
    public void Without_a_setting_core_tools_on_path_is_used()
    {
        var func = Program("func");

        Assert.Equal(new FunctionsHostInstallation(FunctionsHostKind.CoreTools, func), FunctionsHostInstallation.Find("", pathVariable: folder));
    }

    [Fact]
    public void A_setting_naming_no_host_says_so_instead_of_falling_back()
    {
        Program("func");

        var error = Assert.Throws<FunctionsHostNotFoundException>(() => FunctionsHostInstallation.Find(Path.Combine(folder, "nothing-here"), pathVariable: folder));

        Assert.Contains(FunctionsHostInstallation.Setting, error.Message, StringComparison.Ordinal);
        Assert.Contains("nothing-here", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void With_no_host_at_all_it_says_what_to_install()
    {
        Assert.Null(FunctionsHostInstallation.Find("", pathVariable: folder));
        Assert.Contains("Core Tools", FunctionsHostInstallation.HowToInstall, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private string Program(string name)
    {
        var path = Path.Combine(folder, name);
        File.WriteAllText(path, "#!/bin/sh\n");
        return path;
    }
}

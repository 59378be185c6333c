using Meridian.Core.Machines.Fly;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Meridian.Core.Tests.Machines.Fly;

public class FlyServiceCollectionExtensionsTests
{
    private static Dictionary<string, string?> Valid() => new()
    {
        ["Fly:ApiBaseUrl"] = "https://api.machines.dev/v1/",
        ["Fly:AppName"] = "meridian-workers",
        ["Fly:WorkerImage"] = "registry.fly.io/meridian-workers:1",
        ["Fly:ApiToken"] = "secret",
    };

    private static FlyOptions Resolve(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        using var provider = new ServiceCollection().AddLogging().AddFlyMachines(configuration).BuildServiceProvider();
        return provider.GetRequiredService<IOptions<FlyOptions>>().Value;
    }

    [Fact]
    public void Defaults_give_Lighthouse_dedicated_cores()
    {
        var options = Resolve(Valid());

        Assert.Equal(("performance", 2, 4096), (options.CpuKind, options.Cpus, options.MemoryMb));
    }

    [Theory]
    [InlineData("Fly:ApiToken", null, "ApiToken")]
    [InlineData("Fly:AppName", "Not An App!", "Fly__AppName")]
    [InlineData("Fly:ApiBaseUrl", "https://api.machines.dev/v1", "must end with '/'")]
    [InlineData("Fly:CpuKind", "gpu", "CpuKind")]
    public void Bad_settings_are_refused_naming_the_setting(string key, string? value, string named)
    {
        var settings = Valid();
        settings[key] = value;

        var failure = Assert.Throws<OptionsValidationException>(() => Resolve(settings));

        Assert.Contains(named, failure.Message, StringComparison.Ordinal);
    }
}

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
    [InlineData("Fly:Cpus", "3", "Fly__Cpus: performance machines have 1, 2, 4, 6, 8, 10, 12, 14, 16 CPUs, not 3.")]
    [InlineData("Fly:MemoryMb", "1024", "Fly__MemoryMb: a performance machine with 2 CPU(s) takes 4096 to 16384 MB in steps of 256, not 1024.")]
    [InlineData("Fly:MemoryMb", "4100", "in steps of 256, not 4100")]
    public void Bad_settings_are_refused_naming_the_setting(string key, string? value, string named)
    {
        var settings = Valid();
        settings[key] = value;

        var failure = Assert.Throws<OptionsValidationException>(() => Resolve(settings));

        Assert.Contains(named, failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("shared", 1, 256)]
    [InlineData("shared", 8, 16384)]
    [InlineData("shared", 6, 1536)]
    [InlineData("performance", 1, 2048)]
    [InlineData("performance", 16, 131072)]
    [InlineData("performance", 2, 4096)]
    public void Sizes_Fly_offers_are_accepted(string cpuKind, int cpus, int memoryMb)
    {
        Assert.Null(FlyMachineSize.Problem(cpuKind, cpus, memoryMb));
    }

    [Theory]
    [InlineData("shared", 3, 768)]
    [InlineData("shared", 16, 4096)]
    [InlineData("shared", 1, 4096)]
    [InlineData("performance", 5, 10240)]
    [InlineData("performance", 1, 1024)]
    [InlineData("performance", 2, 16640)]
    [InlineData("performance", 2, 4000)]
    public void Sizes_Fly_does_not_offer_are_refused(string cpuKind, int cpus, int memoryMb)
    {
        Assert.NotNull(FlyMachineSize.Problem(cpuKind, cpus, memoryMb));
    }
}

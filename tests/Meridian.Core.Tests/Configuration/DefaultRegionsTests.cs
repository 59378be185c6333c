using System.ComponentModel.DataAnnotations;
using Meridian.Contract.Delivery;
using Meridian.Core.Audits;
using Meridian.Core.Configuration;
using Meridian.Core.Regions;
using Meridian.Core.Tests.Contract.Targets;

namespace Meridian.Core.Tests.Configuration;

/// <summary>The <c>Meridian:DefaultRegions</c> setting: what a request that names no region gets.</summary>
public sealed class DefaultRegionsTests
{
    private static MeridianOptions Options(string defaultRegions) => new()
    {
        CallbackBaseUrl = new Uri("https://meridian.example/"),
        CallbackSigningKey = Convert.ToBase64String(new byte[32]),
        DefaultRegions = defaultRegions,
    };

    [Fact]
    public void By_default_they_are_the_catalogues_spread_over_six_continents()
    {
        Assert.Equal(RegionCatalog.DefaultRegionCodes, new MeridianOptions().DefaultRegionCodes());
    }

    [Fact]
    public async Task An_audit_that_names_no_region_gets_the_configured_ones()
    {
        var validator = new AuditRequestValidator(GuardFactory.Create(new FakeHostResolver().Add("example.com", "93.184.215.14"), allowPrivateTargets: false), Microsoft.Extensions.Options.Options.Create(Options(" LHR, nrt ,syd")));

        var result = await validator.ValidateAsync(new AuditRequest("https://example.com/"), CancellationToken.None);

        Assert.True(result.IsValid);
        Assert.Equal(["lhr", "nrt", "syd"], result.Value.Regions);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" , ")]
    [InlineData("iad,xyz")]
    [InlineData("iad,lhr,iad")]
    public void A_setting_that_is_not_a_list_of_distinct_known_regions_stops_the_app_and_says_which_setting(string value)
    {
        var problems = new List<ValidationResult>();
        var options = Options(value);

        Assert.False(Validator.TryValidateObject(options, new ValidationContext(options), problems, validateAllProperties: true));
        Assert.Contains(problems, problem => problem.ErrorMessage!.Contains("Meridian:DefaultRegions", StringComparison.Ordinal));
    }
}

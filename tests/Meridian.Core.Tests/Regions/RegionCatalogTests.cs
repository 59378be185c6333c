using Meridian.Core.Regions;

namespace Meridian.Core.Tests.Regions;

public class RegionCatalogTests
{
    [Fact]
    public void Catalog_holds_Flys_18_regions_once_each_in_code_order()
    {
        var codes = RegionCatalog.All.Select(r => r.Code).ToList();

        Assert.Equal(
            ["ams", "arn", "bom", "cdg", "dfw", "ewr", "fra", "gru", "iad", "jnb", "lax", "lhr", "nrt", "ord", "sin", "sjc", "syd", "yyz"],
            codes);
    }

    [Fact]
    public void Every_region_has_a_city_a_country_and_coordinates_on_earth() =>
        Assert.All(RegionCatalog.All, region =>
        {
            Assert.False(string.IsNullOrWhiteSpace(region.City));
            Assert.False(string.IsNullOrWhiteSpace(region.Country));
            Assert.InRange(region.Latitude, -90, 90);
            Assert.InRange(region.Longitude, -180, 180);
        });

    [Fact]
    public void Default_regions_are_known_and_span_both_hemispheres()
    {
        Assert.All(RegionCatalog.DefaultRegionCodes, code => Assert.True(RegionCatalog.IsKnown(code)));
        var defaults = RegionCatalog.DefaultRegionCodes.Select(code => RegionCatalog.All.Single(r => r.Code == code)).ToList();
        Assert.Contains(defaults, r => r.Latitude < 0);
        Assert.Contains(defaults, r => r.Longitude > 90);
        Assert.Contains(defaults, r => r.Longitude < -90);
    }

    [Fact]
    public void Lookup_ignores_case() => Assert.True(RegionCatalog.TryGet("SYD", out var sydney) && sydney.City == "Sydney");
}

using System.Collections.Frozen;

namespace Meridian.Core.Regions;

/// <summary>The Fly.io regions Meridian can audit from (Fly's list of 2025-10).</summary>
public static class RegionCatalog
{
    /// <summary>One audit can use every Fly region, once each.</summary>
    public const int MaxPerAudit = 18;

    public static IReadOnlyList<Region> All { get; } =
    [
        new("ams", "Amsterdam", "Netherlands", 52.31, 4.76),
        new("arn", "Stockholm", "Sweden", 59.65, 17.93),
        new("bom", "Mumbai", "India", 19.09, 72.87),
        new("cdg", "Paris", "France", 49.01, 2.55),
        new("dfw", "Dallas", "United States", 32.90, -97.04),
        new("ewr", "Secaucus", "United States", 40.79, -74.06),
        new("fra", "Frankfurt", "Germany", 50.04, 8.56),
        new("gru", "São Paulo", "Brazil", -23.43, -46.47),
        new("iad", "Ashburn", "United States", 39.04, -77.49),
        new("jnb", "Johannesburg", "South Africa", -26.13, 28.24),
        new("lax", "Los Angeles", "United States", 33.94, -118.41),
        new("lhr", "London", "United Kingdom", 51.47, -0.45),
        new("nrt", "Tokyo", "Japan", 35.76, 140.39),
        new("ord", "Chicago", "United States", 41.98, -87.90),
        new("sin", "Singapore", "Singapore", 1.36, 103.99),
        new("sjc", "San Jose", "United States", 37.36, -121.93),
        new("syd", "Sydney", "Australia", -33.94, 151.18),
        new("yyz", "Toronto", "Canada", 43.68, -79.63),
    ];

    /// <summary>
    /// The regions an audit uses when the request names none: one per inhabited continent
    /// (North America east and west, South America, Europe, Asia, Oceania).
    /// </summary>
    public static IReadOnlyList<string> DefaultRegionCodes { get; } = ["iad", "sjc", "gru", "lhr", "sin", "syd"];

    private static readonly FrozenDictionary<string, Region> ByCode =
        All.ToFrozenDictionary(region => region.Code, StringComparer.OrdinalIgnoreCase);

    public static bool TryGet(string code, out Region region) => ByCode.TryGetValue(code, out region!);

    public static bool IsKnown(string code) => ByCode.ContainsKey(code);
}

using Meridian.Core.Machines.Fly;
using Meridian.Core.Regions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Meridian.Local.FlyStandIn.Http;

/// <summary><c>GET /platform/regions</c>: Meridian's region catalog, as Fly lists regions.</summary>
internal static class PlatformEndpoints
{
    private static readonly PlatformRegionsResponse Regions = new()
    {
        Regions =
        [
            .. RegionCatalog.All.Select(region => new PlatformRegion
            {
                Code = region.Code,
                Name = $"{region.City}, {region.Country}",
                Latitude = region.Latitude,
                Longitude = region.Longitude,
                GatewayAvailable = true,
            }),
        ],
    };

    public static void MapPlatform(this IEndpointRouteBuilder v1) =>
        v1.MapGet("/platform/regions", () => Results.Json(Regions, FlyJsonContext.Default.PlatformRegionsResponse));
}

using Meridian.Local.FlyStandIn.Faults;
using Microsoft.AspNetCore.Http;

namespace Meridian.Local.FlyStandIn.Http;

/// <summary>The shapes in which Fly has refused a create for lack of room in a region.</summary>
internal static class CapacityErrors
{
    public static IResult For(CapacityErrorKind kind, string region) => kind switch
    {
        CapacityErrorKind.InsufficientMemory => ApiErrors.Error(
            StatusCodes.Status409Conflict, "insufficient memory available to fulfill request"),
        CapacityErrorKind.OverQuota => ApiErrors.Error(
            StatusCodes.Status403Forbidden,
            $"your organization is over the allowed quota for performance cpus in region '{region}', please consider other regions"),
        _ => ApiErrors.Error(
            StatusCodes.Status412PreconditionFailed, "insufficient resources available to fulfill request", "insufficient_capacity"),
    };
}

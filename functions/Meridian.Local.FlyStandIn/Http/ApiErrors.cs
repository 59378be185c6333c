using Meridian.Core.Machines.Fly;
using Microsoft.AspNetCore.Http;

namespace Meridian.Local.FlyStandIn.Http;

/// <summary>Fly's error bodies: <c>{"error": "...", "status": "..."}</c>.</summary>
internal static class ApiErrors
{
    public static IResult Error(int statusCode, string message, string? status = null) =>
        Results.Json(new FlyErrorResponse { Error = message, Status = status }, FlyJsonContext.Default.FlyErrorResponse, statusCode: statusCode);

    public static IResult MachineNotFound() => Error(StatusCodes.Status404NotFound, "machine not found", "not_found");

    public static IResult BadRequest(string message) => Error(StatusCodes.Status400BadRequest, message, "invalid_argument");

    public static IResult Unprocessable(string message) => Error(StatusCodes.Status422UnprocessableEntity, message, "invalid_argument");

    public static IResult FailedPrecondition(string message) =>
        Error(StatusCodes.Status412PreconditionFailed, $"failed_precondition: {message}", "failed_precondition");

    /// <summary>429 with Retry-After in whole seconds (at least 1), as clients are told to honour it.</summary>
    public static IResult RateLimited(HttpContext context, TimeSpan retryAfter)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Error(StatusCodes.Status429TooManyRequests, "rate limit exceeded", "rate_limited");
    }
}

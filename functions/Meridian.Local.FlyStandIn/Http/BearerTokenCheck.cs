using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Meridian.Local.FlyStandIn.Http;

/// <summary>Every path needs <c>Authorization: Bearer &lt;token&gt;</c>, as Fly's API does; else 401.</summary>
internal sealed class BearerTokenCheck(FlyStandInOptions options)
{
    private readonly byte[] expected = Encoding.UTF8.GetBytes(options.ApiToken);

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        if (IsAuthorized(context.Request.Headers.Authorization.ToString()))
        {
            await next(context);
            return;
        }

        await ApiErrors.Error(StatusCodes.Status401Unauthorized, "unauthorized", "unauthorized").ExecuteAsync(context);
    }

    private bool IsAuthorized(string header)
    {
        const string scheme = "Bearer ";
        if (!header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        // Constant time, so response timing does not reveal how much of a guess was right.
        var presented = Encoding.UTF8.GetBytes(header[scheme.Length..].Trim());
        return CryptographicOperations.FixedTimeEquals(presented, expected);
    }
}

using Meridian.Core.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Meridian.Local.Hosting;

/// <summary>
/// Limits on the request line and headers that answer with a problem body. Kestrel refuses a request
/// past its own limits before any app code runs, with an empty 414 or 431; so Kestrel's limits are set
/// four times higher, and this middleware keeps the real ones (Kestrel's defaults) and says why.
/// Only a request past four times the limit still gets Kestrel's empty answer.
/// </summary>
internal static class RequestLimits
{
    public const int MaxTargetLength = 8 * 1024;
    public const int MaxHeaderBytes = 32 * 1024;
    public const int MaxHeaderCount = 100;

    private const int KestrelHeadroom = 4;

    public static void ConfigureKestrel(KestrelServerLimits limits)
    {
        limits.MaxRequestLineSize = KestrelHeadroom * MaxTargetLength;
        limits.MaxRequestHeadersTotalSize = KestrelHeadroom * MaxHeaderBytes;
        limits.MaxRequestHeaderCount = KestrelHeadroom * MaxHeaderCount;
    }

    public static IApplicationBuilder UseRequestLimits(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var target = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? string.Empty;
        if (target.Length > MaxTargetLength)
        {
            await ApiProblems.UriTooLong(MaxTargetLength).ExecuteAsync(context);
            return;
        }

        if (context.Request.Headers.Count > MaxHeaderCount || HeaderBytes(context.Request.Headers) > MaxHeaderBytes)
        {
            await ApiProblems.HeadersTooLarge(MaxHeaderBytes, MaxHeaderCount).ExecuteAsync(context);
            return;
        }

        await next(context);
    });

    // Counted as Kestrel counts them: name and value of each.
    private static long HeaderBytes(IHeaderDictionary headers)
    {
        long total = 0;
        foreach (var (name, values) in headers)
        {
            total += name.Length;
            foreach (var value in values)
            {
                total += value?.Length ?? 0;
            }
        }

        return total;
    }
}

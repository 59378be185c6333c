using Meridian.Local.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Meridian.Testing.Web;

/// <summary>
/// Pages for real Lighthouse runs: the local host's demo page (text, a stylesheet, an image and a
/// script, so paints, LCP and layout happen), a page that never answers, and a page that answers 500.
/// </summary>
public static class TestPages
{
    public static readonly string PagePath = DemoPage.Path.TrimStart('/');
    public const string HangingPath = "hang";
    public const string BrokenPath = "broken";

    public static void Map(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapDemoPage();
        app.MapGet("/" + HangingPath, async (CancellationToken aborted) =>
        {
            await Task.Delay(Timeout.Infinite, aborted);
            return Results.Ok();
        });

        // With a body: Chrome shows an empty 500 as its own error page, which Lighthouse reports differently.
        app.MapGet("/" + BrokenPath, () => Results.Content("<!doctype html><title>Error</title><p>Server error.</p>", "text/html", statusCode: StatusCodes.Status500InternalServerError));
    }
}

using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Meridian.Testing.Web;

/// <summary>
/// Pages for real Lighthouse runs: a small page with text, a stylesheet and an image (so paints,
/// LCP and layout happen), a page that never answers, and a page that answers 500.
/// </summary>
public static class TestPages
{
    public const string PagePath = "page";
    public const string HangingPath = "hang";
    public const string BrokenPath = "broken";

    private const string Html = """
        <!doctype html>
        <html lang="en">
        <head>
          <meta charset="utf-8">
          <meta name="viewport" content="width=device-width, initial-scale=1">
          <title>Meridian test page</title>
          <link rel="stylesheet" href="/style.css">
        </head>
        <body>
          <h1>Meridian test page</h1>
          <p>A small page served on the loopback interface for real Lighthouse runs.</p>
          <img src="/hero.svg" width="640" height="240" alt="A blue banner">
          <script>document.body.insertAdjacentHTML('beforeend', '<p id="late">Added by script.</p>');</script>
        </body>
        </html>
        """;

    private const string Css = "body { font-family: sans-serif; margin: 2rem; } h1 { color: #123; }";

    private const string Svg = """
        <svg xmlns="http://www.w3.org/2000/svg" width="640" height="240"><rect width="640" height="240" fill="#1d6fd1"/><text x="40" y="130" font-size="48" fill="white">Meridian</text></svg>
        """;

    public static void Map(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/" + PagePath, () => Results.Content(Html, "text/html; charset=utf-8"));
        app.MapGet("/style.css", () => Results.Content(Css, "text/css"));
        app.MapGet("/hero.svg", () => Results.Content(Svg, "image/svg+xml"));
        app.MapGet("/" + HangingPath, async (CancellationToken aborted) =>
        {
            await Task.Delay(Timeout.Infinite, aborted);
            return Results.Ok();
        });
        // With a body: Chrome shows an empty 500 as its own error page, which Lighthouse reports differently.
        app.MapGet("/" + BrokenPath, () => Results.Content("<!doctype html><title>Error</title><p>Server error.</p>", "text/html", statusCode: StatusCodes.Status500InternalServerError));
    }
}

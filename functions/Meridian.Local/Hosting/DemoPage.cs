using Meridian.Core.Reports;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Meridian.Local.Hosting;

/// <summary>
/// A small page the local host serves itself at <c>/demo</c>, so a fresh clone can run a real audit
/// without the internet: text, a stylesheet, an image and a script, enough for every metric to exist.
/// </summary>
public static class DemoPage
{
    public const string Path = "/demo";

    private const string Html = """
        <!doctype html>
        <html lang="en">
        <head>
          <meta charset="utf-8">
          <meta name="viewport" content="width=device-width, initial-scale=1">
          <title>Meridian demo page</title>
          <link rel="stylesheet" href="/demo/style.css">
        </head>
        <body>
          <h1>Meridian demo page</h1>
          <p>Served by the local host on 127.0.0.1 so an audit runs end to end on one machine.</p>
          <img src="/demo/banner.svg" width="640" height="200" alt="Meridian banner">
          <script>document.body.insertAdjacentHTML('beforeend', '<p>Added by a script after load.</p>');</script>
        </body>
        </html>
        """;

    private const string Css = "body { font-family: sans-serif; margin: 2rem; max-width: 48rem; } h1 { color: #14365d; }";

    private const string Svg = """<svg xmlns="http://www.w3.org/2000/svg" width="640" height="200"><rect width="640" height="200" fill="#1d6fd1"/><text x="32" y="120" font-size="56" fill="#fff">Meridian</text></svg>""";

    public static void MapDemoPage(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(Path, () => Results.Content(Html, "text/html; charset=utf-8"));
        endpoints.MapGet(Path + "/style.css", () => Results.Content(Css, "text/css"));
        endpoints.MapGet(Path + "/banner.svg", () => Results.Content(Svg, "image/svg+xml"));
    }
}

using System.Collections.Concurrent;
using Meridian.Core.Audits.Api;
using Meridian.Core.Reports;
using Meridian.Integration.Tests.Monitors.Api;
using Meridian.Testing.Audits;
using Meridian.Testing.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Playwright;

namespace Meridian.Integration.Tests.Reports;

/// <summary>
/// The report page of a six-region audit served by a real HTTP server on 127.0.0.1, and the system's
/// Chromium driven by Playwright. Playwright's own browser download is never used: the package's
/// bundled Node driver launches <see cref="ChromiumPath"/>.
/// </summary>
public sealed class ReportPageFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private readonly ConcurrentQueue<string> served = new();
    private LoopbackServer? server;
    private IPlaywright? playwright;
    private IBrowser? browser;

    public AuditView State { get; } = AuditViewBuilder.SixRegions().BuildCompleted();

    public Uri PageUrl => server?.Url($"audits/{State.AuditId}/report") ?? throw new InvalidOperationException("Not started.");

    /// <summary>Every request the server received (path and query), in order, whoever made it (page or browser).</summary>
    public IReadOnlyList<string> ServedRequests => [.. served];

    public IBrowser Browser => browser ?? throw new InvalidOperationException("Not started.");

    public async Task InitializeAsync()
    {
        var html = AuditReportPage.Render(State);
        server = await LoopbackServer.StartAsync(app =>
        {
            app.Use(async (context, next) =>
            {
                served.Enqueue(context.Request.Path + context.Request.QueryString);
                await next(context);
            });
            app.MapGet("/audits/{id}/report", () => Results.Content(html, "text/html; charset=utf-8"));
        });

        playwright = await Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            // Chromium's sandbox refuses to start as root (containers, CI).
            Args = Environment.IsPrivilegedProcess ? ["--no-sandbox"] : [],
        });
    }

    public async Task DisposeAsync()
    {
        if (browser is not null)
        {
            await browser.CloseAsync();
        }

        playwright?.Dispose();
        if (server is not null)
        {
            await server.DisposeAsync();
        }
    }
}

using System.Globalization;
using Meridian.Core.Audits;
using Meridian.Core.Regions;
using Microsoft.Playwright;

namespace Meridian.Integration.Tests.Reports;

/// <summary>The report page as a person sees it: loaded over HTTP in headless Chromium.</summary>
public sealed class AuditReportPageTests(ReportPageFixture fixture) : IClassFixture<ReportPageFixture>, IAsyncLifetime
{
    private static readonly string[] ChartedMetrics = ["score", "lcp", "tbt", "cls", "ttfb"];

    private readonly List<string> requests = [];
    private readonly List<string> failedRequests = [];
    private readonly List<string> consoleErrors = [];
    private IBrowserContext? context;
    private IPage? page;

    private IPage Page => page ?? throw new InvalidOperationException("Not started.");

    private IReadOnlyList<string> Regions => [.. fixture.State.Regions.Select(r => r.Region)];

    public async Task InitializeAsync()
    {
        context = await fixture.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } });
        context.SetDefaultTimeout(10_000);
        page = await context.NewPageAsync();
        page.Request += (_, request) => requests.Add(request.Url);
        page.RequestFailed += (_, request) => failedRequests.Add($"{request.Url}: {request.Failure}");
        page.Console += (_, message) =>
        {
            if (message.Type is "error" or "warning")
            {
                consoleErrors.Add(message.Text);
            }
        };
        page.PageError += (_, error) => consoleErrors.Add(error);
    }

    public async Task DisposeAsync()
    {
        if (context is not null)
        {
            await context.CloseAsync();
        }
    }

    [Fact]
    public async Task Page_loads_with_the_url_in_its_title_in_one_request_and_without_errors()
    {
        var servedBefore = fixture.ServedRequests.Count;

        var response = await Page.GotoAsync(fixture.PageUrl.AbsoluteUri, new() { WaitUntil = WaitUntilState.NetworkIdle });

        // The browser asks for /favicon.ico itself, after the load and outside the page's own
        // requests (no Request event, a console error for its 404): give it the time to do so.
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Equal(200, response?.Status);
        Assert.Contains(fixture.State.Url, await Page.TitleAsync(), StringComparison.Ordinal);
        Assert.Contains(fixture.State.AuditId, await Page.TitleAsync(), StringComparison.Ordinal);
        Assert.Equal([fixture.PageUrl.AbsoluteUri], requests);
        Assert.Equal([fixture.PageUrl.PathAndQuery], fixture.ServedRequests.Skip(servedBefore));
        Assert.Empty(failedRequests);
        Assert.Empty(consoleErrors);
    }

    [Fact]
    public async Task Table_has_one_row_per_region_with_its_score()
    {
        await Page.GotoAsync(fixture.PageUrl.AbsoluteUri);

        var rows = Page.Locator("#region-table tbody tr");
        Assert.Equal(Regions, await rows.EvaluateAllAsync<string[]>("rows => rows.map(row => row.dataset.region)"));
        foreach (var region in fixture.State.Regions)
        {
            var score = await Page.Locator($"tr[data-region='{region.Region}'] td[data-metric='score'] .value").TextContentAsync();
            var expected = region.Summary?.PerformanceScore is { } value ? Math.Round(value * 100).ToString(CultureInfo.InvariantCulture) : "—";
            Assert.Equal(expected, score);
        }

        Assert.Equal("94", await Page.Locator("tr[data-region='iad'] td[data-metric='score'] .value").TextContentAsync());
        Assert.Equal("Unavailable", await Page.Locator("tr[data-region='jnb'] .status-label").TextContentAsync());
    }

    [Fact]
    public async Task Each_main_metric_chart_has_a_bar_and_a_value_per_region()
    {
        await Page.GotoAsync(fixture.PageUrl.AbsoluteUri);

        foreach (var metric in ChartedMetrics)
        {
            var chart = Page.Locator($"svg[data-metric='{metric}']");
            await Assertions.Expect(chart).ToBeVisibleAsync();
            Assert.Equal(Regions, await chart.Locator("g.row").EvaluateAllAsync<string[]>("rows => rows.map(row => row.dataset.region)"));
            foreach (var region in fixture.State.Regions)
            {
                var row = chart.Locator($"g.row[data-region='{region.Region}']");
                var value = await row.Locator("text.value").TextContentAsync();
                if (region.Status == RegionStatus.Completed)
                {
                    var bar = await row.Locator("rect.bar").BoundingBoxAsync();
                    Assert.True(bar is { Width: > 0, Height: > 0 }, $"{metric}: no visible bar for {region.Region}");
                    Assert.Matches("^[0-9][0-9.,]* (ms )?[●■▲] (good|needs improvement|poor)$", value);
                }
                else
                {
                    Assert.Equal(0, await row.Locator("rect.bar").CountAsync());
                    Assert.Equal("—", value);
                }
            }
        }
    }

    [Fact]
    public async Task Full_page_screenshot_is_taken_in_light_and_dark()
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "TestResults");
        Directory.CreateDirectory(folder);
        var light = Path.Combine(folder, "report-page.png");
        var dark = Path.Combine(folder, "report-page-dark.png");

        await Page.GotoAsync(fixture.PageUrl.AbsoluteUri);
        await Page.ScreenshotAsync(new() { Path = light, FullPage = true });
        await Page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Dark });
        await Page.ScreenshotAsync(new() { Path = dark, FullPage = true });

        foreach (var path in new[] { light, dark })
        {
            var bytes = await File.ReadAllBytesAsync(path);
            Assert.True(bytes.Length > 20_000, $"{path} is only {bytes.Length} bytes");
            Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A], bytes[..8]);
        }

        Assert.Equal("rgb(15, 18, 22)", await Page.EvaluateAsync<string>("getComputedStyle(document.body).backgroundColor"));
    }
}

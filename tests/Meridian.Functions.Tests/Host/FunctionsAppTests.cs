using System.Net;
using Azure.Storage.Blobs;
using Meridian.Core.Audits;
using Meridian.Core.Audits.Api;
using Meridian.Core.Audits.Storage;
using Meridian.Core.Http;
using Meridian.Core.Regions;
using Meridian.Core.Reports.PowerBi;
using Meridian.Core.Storage;
using Meridian.Testing.Audits;

namespace Meridian.Functions.Tests.Host;

/// <summary>What every environment of the app must do on the Functions host; each derived class adds its own.</summary>
public abstract class FunctionsAppTests<TFixture>(TFixture app)
    where TFixture : FunctionsAppFixture
{
    protected TFixture App { get; } = app;

    [Theory]
    [MemberData(nameof(KeyedRoutes.All), MemberType = typeof(KeyedRoutes))]
    public async Task A_route_needing_a_function_key_answers_401_without_one(string method, string path)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json") };

        using var response = await App.Anonymous.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task The_openapi_document_is_public_and_a_wrong_key_is_refused()
    {
        using var document = await App.Anonymous.GetAsync($"{ApiRoutes.Prefix}/{ApiRoutes.OpenApi}");
        using var wrongKey = new HttpRequestMessage(HttpMethod.Get, $"{ApiRoutes.Prefix}/{ApiRoutes.Audits}");
        wrongKey.Headers.Add("x-functions-key", "not-the-key");
        using var refused = await App.Anonymous.SendAsync(wrongKey);

        Assert.Equal(HttpStatusCode.OK, document.StatusCode);
        Assert.Contains("\"openapi\"", await document.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    /// <summary>The finished audit as Blob Storage holds it: the document, the Power BI rows, each region's Lighthouse report.</summary>
    protected async Task AssertStoredAsync(string auditId, IReadOnlyList<string> completedRegions)
    {
        var blobs = App.Cloud.Storage.CreateBlobServiceClient();
        var stored = await new BlobAuditStore(blobs, TimeProvider.System).GetAsync(auditId, CancellationToken.None);
        Assert.Equal(AuditRecordStatus.Completed, stored!.Status);
        Assert.Equal(completedRegions, stored.Report!.Regions.Where(r => r.Status == RegionStatus.Completed).Select(r => r.Region).Order());

        var csv = await blobs.GetBlobContainerClient(BlobLayout.RegionResultsContainer).GetBlobClient(BlobLayout.RegionResultsBlob(auditId)).DownloadContentAsync();
        var rows = PowerBiCsv.Read(csv.Value.Content.ToMemory());
        Assert.All(completedRegions, region => Assert.Contains(rows, row => row.Region == region && row.PerformanceScore is >= 0 and <= 1));

        foreach (var region in completedRegions)
        {
            var report = blobs.GetBlobContainerClient(BlobLayout.ReportsContainer).GetBlobClient(BlobLayout.ReportBlob(auditId, region));
            Assert.True(await report.ExistsAsync(), $"no stored Lighthouse report for {region}");
        }
    }

    protected async Task<AuditView> RunAsync(HttpClient api, AuditRequest request, TimeSpan limit, List<AuditView>? seen = null)
    {
        var auditId = await AuditCalls.StartAsync(api, request);
        return await AuditCalls.WaitAsync(api, auditId, limit, state => seen?.Add(state));
    }

    protected BlobServiceClient Blobs => App.Cloud.Storage.CreateBlobServiceClient();
}

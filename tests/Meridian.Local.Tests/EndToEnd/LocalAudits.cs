using System.Net;
using System.Net.Http.Json;
using Meridian.Core.Api;
using Meridian.Core.Audits;
using Meridian.Core.Serialization;
using Meridian.Local.Hosting;
using Meridian.Testing;

namespace Meridian.Local.Tests.EndToEnd;

/// <summary>Starting the local cloud and running audits through its HTTP API, for the end-to-end tests.</summary>
internal static class LocalAudits
{
    public static LocalCloudOptions Options(string dataDirectory) => new()
    {
        DataDirectory = dataDirectory,
        NodeModulesDirectory = RepositoryPaths.Combine("worker"),
        AllowPrivateTargets = true,
    };

    public static async Task<string> StartAsync(HttpClient http, AuditRequest request)
    {
        using var response = await http.PostAsJsonAsync("api/audits", request, MeridianJson.Options);
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<AuditAccepted>(MeridianJson.Options))!.AuditId;
    }

    public static async Task<AuditState> GetAsync(HttpClient http, string auditId, CancellationToken cancellationToken) =>
        (await http.GetFromJsonAsync<AuditState>($"api/audits/{auditId}", MeridianJson.Options, cancellationToken))!;

    public static async Task<AuditState> WaitAsync(HttpClient http, string auditId, TimeSpan limit)
    {
        using var timeout = new CancellationTokenSource(limit);
        while (true)
        {
            var state = await GetAsync(http, auditId, timeout.Token);
            if (state.Status != "running")
            {
                return state;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500), timeout.Token);
        }
    }
}

using System.Net;
using System.Net.Http.Json;
using Meridian.Core.Audits;
using Meridian.Core.Audits.Api;
using Meridian.Core.Serialization;

namespace Meridian.Testing.Audits;

/// <summary>Starting and following audits through a host's HTTP API (the local host or the Functions app), as a client does.</summary>
public static class AuditCalls
{
    public static async Task<string> StartAsync(HttpClient http, AuditRequest request)
    {
        ArgumentNullException.ThrowIfNull(http);
        using var response = await http.PostAsJsonAsync("api/audits", request, MeridianJson.Options);
        if (response.StatusCode != HttpStatusCode.Accepted)
        {
            throw new HttpRequestException($"The audit was not accepted: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }

        return (await response.Content.ReadFromJsonAsync<AuditAcceptedView>(MeridianJson.Options))!.AuditId;
    }

    public static async Task<AuditView> GetAsync(HttpClient http, string auditId, CancellationToken cancellationToken) =>
        (await http.GetFromJsonAsync<AuditView>($"api/audits/{auditId}", MeridianJson.Options, cancellationToken))!;

    /// <summary>Polls until the audit is no longer running; <paramref name="seen"/> gets every state read on the way.</summary>
    public static async Task<AuditView> WaitAsync(HttpClient http, string auditId, TimeSpan limit, Action<AuditView>? seen = null)
    {
        using var timeout = new CancellationTokenSource(limit);
        while (true)
        {
            var state = await GetAsync(http, auditId, timeout.Token);
            seen?.Invoke(state);
            if (state.Status != "running")
            {
                return state;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500), timeout.Token);
        }
    }
}

using System.Net.Http.Headers;
using Microsoft.Extensions.Options;

namespace Meridian.Core.Machines.Fly;

/// <summary>Adds the Fly API token to every request. The token exists nowhere else in the client.</summary>
public sealed class FlyAuthorizationHandler(IOptionsMonitor<FlyOptions> options) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", options.CurrentValue.ApiToken);
        return base.SendAsync(request, cancellationToken);
    }
}

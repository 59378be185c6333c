using Meridian.Contract.Targets;
using Meridian.Core.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Meridian.Core.Monitors.Alerts;

public static class AlertWebhookServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="AlertWebhookSender"/> as a typed HttpClient with the <see cref="AlertWebhookResilience"/>
    /// pipeline; settings from the "Alerts" section, validated at start-up. The sender also needs
    /// <c>AddMeridianCore</c>'s options (the signing master key) and target guard.
    /// </summary>
    public static IServiceCollection AddAlertWebhooks(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AlertWebhookOptions>()
            .Bind(configuration.GetSection(AlertWebhookOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();

        services.TryAddSingleton(TimeProvider.System);
        services.AddTransient<AttemptCountingHandler>();
        var client = services.AddHttpClient<AlertWebhookSender>(http => http.Timeout = Timeout.InfiniteTimeSpan) // the pipeline bounds a delivery
            .ConfigurePrimaryHttpMessageHandler(provider => new SocketsHttpHandler
            {
                // A redirect could lead the POST anywhere, past the target guard: a 3xx is an answer.
                AllowAutoRedirect = false,
                UseCookies = false,

                // The addresses connected to are the ones checked, whatever DNS answers between check and connect.
                ConnectCallback = GuardedConnect.Callback(
                    provider.GetRequiredService<IHostResolver>(),
                    provider.GetRequiredService<IOptions<MeridianOptions>>().Value.AllowPrivateTargets),
            })

            // The default logging writes request URLs, and a webhook URL's path is often its secret (Slack's are).
            .RemoveAllLoggers();

        // Outer to inner: the resilience pipeline, then the counter, so every attempt is counted.
        client.AddResilienceHandler("alert-webhook", (pipeline, context) =>
            AlertWebhookResilience.Configure(pipeline, context.ServiceProvider.GetRequiredService<IOptions<AlertWebhookOptions>>().Value));
        client.AddHttpMessageHandler<AttemptCountingHandler>();
        return services;
    }
}

using Meridian.Contract.Delivery;
using Meridian.Contract.Targets;
using Meridian.Core.Monitors.Alerts;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Meridian.Core.Tests.Monitors.Alerts;

/// <summary>The alert webhook sender as <c>AddMeridianCore</c> registers it (real HttpClient and resilience pipeline), with test timings.</summary>
internal static class AlertWebhookServices
{
    public static readonly byte[] MasterKey = [.. Enumerable.Range(1, 32).Select(i => (byte)i)];

    /// <param name="allowPrivateTargets">True lets the sender call the tests' servers on 127.0.0.1, as Meridian__AllowPrivateTargets does.</param>
    /// <param name="settings">Settings over the defaults, e.g. <c>["Alerts:TotalTimeoutMs"] = "1200"</c>.</param>
    public static ServiceProvider Build(bool allowPrivateTargets = true, IHostResolver? resolver = null, Dictionary<string, string?>? settings = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["Meridian:CallbackBaseUrl"] = "https://meridian.example/",
            ["Meridian:CallbackSigningKey"] = Convert.ToBase64String(MasterKey),
            ["Meridian:AllowPrivateTargets"] = allowPrivateTargets ? "true" : "false",

            // Retries at once. Attempts get seconds: a cold server on a busy machine must not look like a hung one.
            ["Alerts:RetryBaseDelayMs"] = "1",
            ["Alerts:AttemptTimeoutMs"] = "5000",
            ["Alerts:TotalTimeoutMs"] = "10000",
        };
        foreach (var (key, value) in settings ?? [])
        {
            values[key] = value;
        }

        var services = new ServiceCollection().AddLogging();
        if (resolver is not null)
        {
            services.AddSingleton(resolver);
        }

        return services.AddMeridianCore(new ConfigurationBuilder().AddInMemoryCollection(values).Build()).BuildServiceProvider();
    }

    public static AlertWebhookSender Sender(this ServiceProvider services) => services.GetRequiredService<AlertWebhookSender>();
}

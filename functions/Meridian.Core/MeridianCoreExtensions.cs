using Meridian.Contract.Targets;
using Meridian.Core.Audits;
using Meridian.Core.Audits.Activities;
using Meridian.Core.Audits.Api;
using Meridian.Core.Audits.Orchestration;
using Meridian.Core.Configuration;
using Meridian.Core.Deliveries;
using Meridian.Core.Http;
using Meridian.Core.Machines;
using Meridian.Core.Monitors;
using Meridian.Core.Monitors.Alerts;
using Meridian.Core.Monitors.Api;
using Meridian.Core.Monitors.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Meridian.Core;

public static class MeridianCoreExtensions
{
    /// <summary>
    /// Registers Core's options (validated at start-up), request validation with its SSRF guard, the alert webhook
    /// client, and the activities (<see cref="AuditTasks"/>). The hosts add the Durable engine and its client. The hosts add the implementations of <see cref="IRegionMachines"/> (<c>AddFlyMachines</c>)
    /// and of <see cref="IDeliveredResults"/>, <see cref="IAuditReportStore"/>, <see cref="IWorkerUploadUrlIssuer"/> and
    /// <see cref="IMonitorStore"/> (<c>AddMeridianBlobStorage</c>).
    /// </summary>
    public static IServiceCollection AddMeridianCore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<MeridianOptions>()
            .Bind(configuration.GetSection(MeridianOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();

        services.TryAddSingleton<IHostResolver, DnsHostResolver>();
        services.AddSingleton(provider => new TargetGuardOptions
        {
            AllowPrivateTargets = provider.GetRequiredService<IOptions<MeridianOptions>>().Value.AllowPrivateTargets,
        });
        services.AddSingleton<TargetGuard>();
        services.AddSingleton<AuditRequestValidator>();
        services.AddSingleton<MonitorRequestValidator>();

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<AuditStarter>();
        services.AddSingleton<MonitorScheduler>();
        services.AddSingleton<IMonitorRuns, MonitorRuns>();
        services.AddSingleton<PageTokens>();
        services.AddSingleton<AuditApi>();
        services.AddSingleton<MonitorApi>();
        services.AddSingleton<RegionResultCallback>();
        services.AddAlertWebhooks(configuration);

        foreach (var activity in AuditTasks.Activities)
        {
            services.AddTransient(activity);
        }

        return services;
    }
}

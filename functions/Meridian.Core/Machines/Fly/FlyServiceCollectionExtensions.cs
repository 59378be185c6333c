using Azure.Storage.Blobs;
using Meridian.Core.Machines.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Refit;

namespace Meridian.Core.Machines.Fly;

public static class FlyServiceCollectionExtensions
{
    /// <summary>
    /// Registers the Fly Machines client (Refit, source-generated, with the <see cref="FlyResilience"/>
    /// pipeline and the token added per request) and <see cref="FlyRegionMachines"/> as the audit's
    /// <see cref="IRegionMachines"/>, with the app's <see cref="ICreateBudget"/>. Settings come from the "Fly" section and are validated at start-up.
    /// </summary>
    public static IServiceCollection AddFlyMachines(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<FlyOptions>()
            .Bind(configuration.GetSection(FlyOptions.SectionName))
            .ValidateDataAnnotations()
            .Validate(fly => fly.ApiBaseUrl.AbsoluteUri.EndsWith('/'), "Fly__ApiBaseUrl must end with '/', e.g. https://api.machines.dev/v1/.")
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<FlyOptions>, FlyMachineSize>());

        services.TryAddSingleton(TimeProvider.System);
        services.AddTransient<FlyAuthorizationHandler>();
        services.TryAddSingleton(CreateBudget);
        var client = services.AddRefitGeneratedClient<IFlyMachinesApi>(FlyJsonContext.Default)
            .ConfigureHttpClient((provider, client) => client.BaseAddress = provider.GetRequiredService<IOptions<FlyOptions>>().Value.ApiBaseUrl)
            .RedactLoggedHeaders(["Authorization"]);

        // Outer to inner: the resilience pipeline, then the token, so every attempt is authorized.
        client.AddResilienceHandler("fly", (pipeline, context) =>
            FlyResilience.Configure(
                pipeline,
                context.ServiceProvider.GetRequiredService<IOptions<FlyOptions>>().Value,
                context.ServiceProvider.GetRequiredService<TimeProvider>()));
        client.AddHttpMessageHandler<FlyAuthorizationHandler>();

        services.AddTransient<FlyRegionMachines>();
        services.AddTransient<IRegionMachines>(provider => provider.GetRequiredService<FlyRegionMachines>());
        services.AddTransient<OrphanMachineSweeper>();
        return services;
    }

    /// <summary>In the blob account when the host has one (every instance shares it), else in this process.</summary>
    private static ICreateBudget CreateBudget(IServiceProvider provider)
    {
        var fly = provider.GetRequiredService<IOptions<FlyOptions>>().Value;
        var time = provider.GetRequiredService<TimeProvider>();
        return provider.GetService<BlobServiceClient>() is { } blobs
            ? new BlobCreateBudget(blobs, fly.AppName, fly.CreateRate, time)
            : new ProcessCreateBudget(fly.CreateRate, time);
    }
}

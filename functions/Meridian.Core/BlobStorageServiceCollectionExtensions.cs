using Azure.Identity;
using Azure.Storage.Blobs;
using Meridian.Core.Audits.Activities;
using Meridian.Core.Audits.Storage;
using Meridian.Core.Deliveries;
using Meridian.Core.Monitors.Storage;
using Meridian.Core.Reports;
using Meridian.Core.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Meridian.Core;

public static class BlobStorageServiceCollectionExtensions
{
    /// <summary>
    /// Registers the Blob Storage stores on the account the "Storage" settings name
    /// (<see cref="StorageOptions"/>, validated at start-up): a connection string, or a blob endpoint
    /// reached with <see cref="DefaultAzureCredential"/> (the app's managed identity in Azure).
    /// Call <see cref="MeridianBlobContainers.EnsureCreatedAsync"/> at start-up as well.
    /// </summary>
    public static IServiceCollection AddMeridianBlobStorage(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<StorageOptions>()
            .Bind(configuration.GetSection(StorageOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();

        return services.AddMeridianBlobStorage(provider => CreateClient(provider.GetRequiredService<IOptions<StorageOptions>>().Value));
    }

    /// <summary>
    /// Registers the stores on the client <paramref name="blobServiceClient"/> makes, for a host that
    /// builds its own (the local host's Azurite on a free port, tests): <see cref="BlobAuditStore"/> as
    /// <see cref="IAuditStore"/>, <see cref="AuditReportStore"/> as <see cref="IAuditReportStore"/>, <see cref="BlobDeliveryStore"/>
    /// as <see cref="IDeliveredResults"/> and <see cref="IDeliveryStore"/>, <see cref="BlobMonitorStore"/>
    /// as <see cref="IMonitorStore"/>, and <see cref="BlobWorkerUploadUrlIssuer"/> as <see cref="IWorkerUploadUrlIssuer"/>. The region
    /// result store needs <c>AddMeridianCore</c>'s options (the callback master key) and logging.
    /// </summary>
    public static IServiceCollection AddMeridianBlobStorage(this IServiceCollection services, Func<IServiceProvider, BlobServiceClient> blobServiceClient)
    {
        ArgumentNullException.ThrowIfNull(blobServiceClient);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(blobServiceClient);

        services.AddSingleton<BlobAuditStore>();
        services.AddSingleton<IAuditStore>(provider => provider.GetRequiredService<BlobAuditStore>());
        services.AddSingleton<IAuditReportStore, AuditReportStore>();

        services.AddSingleton<BlobDeliveryStore>();
        services.AddSingleton<IDeliveredResults>(provider => provider.GetRequiredService<BlobDeliveryStore>());
        services.AddSingleton<IDeliveryStore>(provider => provider.GetRequiredService<BlobDeliveryStore>());

        services.AddSingleton<BlobMonitorStore>();
        services.AddSingleton<IMonitorStore>(provider => provider.GetRequiredService<BlobMonitorStore>());

        services.AddSingleton<IWorkerUploadUrlIssuer, BlobWorkerUploadUrlIssuer>();
        return services;
    }

    // DefaultAzureCredential ships in Azure.Core since 1.60 (Azure.Storage.Blobs brings it): no Azure.Identity package.
    private static BlobServiceClient CreateClient(StorageOptions storage) =>
        string.IsNullOrWhiteSpace(storage.BlobServiceUri)
            ? new BlobServiceClient(storage.ConnectionString)
            : new BlobServiceClient(new Uri(storage.BlobServiceUri.Trim()), new DefaultAzureCredential());
}

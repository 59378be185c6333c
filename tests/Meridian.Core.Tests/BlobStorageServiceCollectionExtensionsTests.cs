using Azure.Storage.Blobs;
using Meridian.Contract.Delivery;
using Meridian.Core.Audits.Activities;
using Meridian.Core.Audits.Storage;
using Meridian.Core.Deliveries;
using Meridian.Core.Machines;
using Meridian.Core.Monitors.Storage;
using Meridian.Core.Reports;
using Meridian.Core.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Moq;

namespace Meridian.Core.Tests;

public class BlobStorageServiceCollectionExtensionsTests
{
    private const string ValidKey = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

    private static ServiceProvider Build(Dictionary<string, string?> storage)
    {
        var settings = new Dictionary<string, string?>(storage)
        {
            ["Meridian:CallbackBaseUrl"] = "https://meridian.example/",
            ["Meridian:CallbackSigningKey"] = ValidKey,
        };
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection()
            .AddLogging()
            .AddSingleton(Mock.Of<IRegionMachines>()) // AddFlyMachines' part: not under test here.
            .AddSingleton(Mock.Of<IMonitorStore>()) // Until AddMeridianBlobStorage registers the blob monitor store (written apart).
            .AddMeridianCore(configuration)
            .AddMeridianBlobStorage(configuration)
            .BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    [Fact]
    public void Every_store_port_resolves_and_each_store_is_one_instance_behind_its_ports()
    {
        using var provider = Build(new() { ["Storage:ConnectionString"] = "UseDevelopmentStorage=true" });

        var audits = provider.GetRequiredService<BlobAuditStore>();
        var results = provider.GetRequiredService<BlobDeliveryStore>();
        Assert.Same(audits, provider.GetRequiredService<IAuditStore>());
        Assert.IsType<AuditReportStore>(provider.GetRequiredService<IAuditReportStore>());
        Assert.Same(results, provider.GetRequiredService<IDeliveredResults>());
        Assert.Same(results, provider.GetRequiredService<IDeliveryStore>());
        Assert.IsType<BlobWorkerUploadUrlIssuer>(provider.GetRequiredService<IWorkerUploadUrlIssuer>());
        Assert.Same(provider.GetRequiredService<BlobMonitorStore>(), provider.GetRequiredService<IMonitorStore>());
        Assert.NotNull(provider.GetRequiredService<StoreAuditReportActivity>());
        Assert.NotNull(provider.GetRequiredService<CollectFallbackResultActivity>());
    }

    [Fact]
    public void A_connection_string_gives_a_client_with_the_account_key()
    {
        using var provider = Build(new() { ["Storage:ConnectionString"] = "UseDevelopmentStorage=true" });

        var client = provider.GetRequiredService<BlobServiceClient>();

        Assert.Equal("devstoreaccount1", client.AccountName);
        Assert.True(client.CanGenerateAccountSasUri);
    }

    [Fact]
    public void A_service_uri_gives_a_client_on_that_endpoint_with_a_token_credential_and_no_key()
    {
        using var provider = Build(new() { ["Storage:BlobServiceUri"] = "https://meridianprod.blob.core.windows.net/" });

        var client = provider.GetRequiredService<BlobServiceClient>();

        Assert.Equal(new Uri("https://meridianprod.blob.core.windows.net/"), client.Uri);
        Assert.False(client.CanGenerateAccountSasUri);
    }

    [Theory]
    [InlineData(null, null, "Set exactly one")]
    [InlineData("UseDevelopmentStorage=true", "https://meridianprod.blob.core.windows.net/", "Set exactly one")]
    [InlineData(null, "meridianprod.blob.core.windows.net", "Storage__BlobServiceUri must be an absolute")]
    [InlineData("AccountName=meridianprod", null, "Storage__ConnectionString is not a storage connection string")]
    public void Storage_settings_other_than_exactly_one_account_are_refused_naming_the_settings(string? connectionString, string? serviceUri, string message)
    {
        using var provider = Build(new() { ["Storage:ConnectionString"] = connectionString, ["Storage:BlobServiceUri"] = serviceUri });

        var failure = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<StorageOptions>>().Value);

        Assert.Contains(message, failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://x.blob.core.windows.net/")]
    [InlineData(null)]
    public void A_connection_string_with_a_key_is_never_echoed_in_the_refusal(string? serviceUri)
    {
        // With a service URI: both set. Without: the key is not base64, so the string is malformed.
        const string Secret = "DefaultEndpointsProtocol=https;AccountName=x;AccountKey=c2VjcmV0LWtleQ!!";
        using var provider = Build(new() { ["Storage:ConnectionString"] = Secret, ["Storage:BlobServiceUri"] = serviceUri });

        var failure = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<StorageOptions>>().Value);

        Assert.Contains("Storage__ConnectionString", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("c2VjcmV0LWtleQ", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_host_can_hand_in_its_own_client()
    {
        var own = new BlobServiceClient("UseDevelopmentStorage=true");
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Meridian:CallbackBaseUrl"] = "https://meridian.example/",
            ["Meridian:CallbackSigningKey"] = ValidKey,
        }).Build();
        using var provider = new ServiceCollection()
            .AddLogging()
            .AddMeridianCore(configuration)
            .AddMeridianBlobStorage(_ => own)
            .BuildServiceProvider();

        Assert.Same(own, provider.GetRequiredService<BlobServiceClient>());
        Assert.NotNull(provider.GetRequiredService<IAuditStore>());
    }
}

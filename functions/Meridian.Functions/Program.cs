using Azure.Storage.Blobs;
using Meridian.Core.Storage;
using Meridian.Functions;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

var host = FunctionsApplication.CreateBuilder(args).AddMeridian().Build();

// The containers exist before the first request (Bicep creates them too; this covers Azurite).
await MeridianBlobContainers.EnsureCreatedAsync(host.Services.GetRequiredService<BlobServiceClient>());
host.Run();

using Azure.Core.Serialization;
using Azure.Storage.Blobs;
using Meridian.Core;
using Meridian.Core.Fly;
using Meridian.Core.Serialization;
using Meridian.Core.Storage;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

var builder = FunctionsApplication.CreateBuilder(args);

// Every payload the Durable extension carries (inputs, outputs, events, custom status) goes through the
// worker's serializer: give it Meridian's JSON, which the local host's engine and the tests use too.
builder.Services.Configure<WorkerOptions>(worker => worker.Serializer = new JsonObjectSerializer(MeridianJson.Options));

// ASP.NET Core integration: HTTP triggers take HttpRequest and return IActionResult / IResult.
builder.ConfigureFunctionsWebApplication();

// Core's options (validated at start-up), its activities and HTTP handlers, the Fly Machines client
// behind IRegionMachines, and the Blob Storage stores (section "Storage").
builder.Services.AddMeridianCore(builder.Configuration);
builder.Services.AddFlyMachines(builder.Configuration);
builder.Services.AddMeridianBlobStorage(builder.Configuration);

var host = builder.Build();

// The containers exist before the first request (Bicep creates them too; this covers Azurite).
await MeridianBlobContainers.EnsureCreatedAsync(host.Services.GetRequiredService<BlobServiceClient>());
host.Run();

using Azure.Core.Serialization;
using Meridian.Core;
using Meridian.Core.Machines;
using Meridian.Core.Machines.Fly;
using Meridian.Core.Serialization;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Meridian.Functions;

/// <summary>
/// What the app adds to the Functions worker, in one place so a test can build exactly this and
/// validate every registration (the host does so only in Development, at start-up, by crashing).
/// </summary>
public static class MeridianFunctionsApp
{
    public static FunctionsApplicationBuilder AddMeridian(this FunctionsApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);

        // Every payload the Durable extension carries (inputs, outputs, events, custom status) goes through the
        // worker's serializer: give it Meridian's JSON, which the local host's engine and the tests use too.
        builder.Services.Configure<WorkerOptions>(worker => worker.Serializer = new JsonObjectSerializer(MeridianJson.Options));

        // ASP.NET Core integration: HTTP triggers take HttpRequest and return IActionResult / IResult.
        builder.ConfigureFunctionsWebApplication();

        // Core's options (validated at start-up), its activities and HTTP handlers, the Fly Machines client
        // behind IRegionMachines, and the Blob Storage stores (section "Storage"). The orchestration client
        // is not among them: each trigger gets the Durable extension's through its [DurableClient] binding.
        builder.Services.AddMeridianCore(builder.Configuration);
        builder.Services.AddFlyMachines(builder.Configuration);
        builder.Services.AddMeridianBlobStorage(builder.Configuration);
        return builder;
    }
}

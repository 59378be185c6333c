using Meridian.Core;
using Meridian.Core.Fly;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;

var builder = FunctionsApplication.CreateBuilder(args);

// ASP.NET Core integration: HTTP triggers take HttpRequest and return IActionResult / IResult.
builder.ConfigureFunctionsWebApplication();

// Core's options (validated at start-up), its activities and the Fly Machines client behind
// IRegionMachines. IRegionResultStore and IAuditReportStore (Blob Storage) are registered by the
// extension method that ships with their implementation.
builder.Services.AddMeridianCore(builder.Configuration);
builder.Services.AddFlyMachines(builder.Configuration);

builder.Build().Run();

using Meridian.Core;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;

var builder = FunctionsApplication.CreateBuilder(args);

// ASP.NET Core integration: HTTP triggers take HttpRequest and return IActionResult / IResult.
builder.ConfigureFunctionsWebApplication();

// Core's options (validated at start-up) and its activities. The ports the activities depend on
// (IRegionMachines for the Fly Machines API, IRegionResultStore and IAuditReportStore for Blob Storage)
// are registered by the extension methods that ship with their implementations.
builder.Services.AddMeridianCore(builder.Configuration);

builder.Build().Run();

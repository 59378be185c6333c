using System.CommandLine;
using Meridian.Core.Http;
using Meridian.Local.Hosting;
using Spectre.Console;

namespace Meridian.Local.Commands;

/// <summary><c>serve [--port 7071]</c>: the HTTP API and report pages on 127.0.0.1 until Ctrl+C.</summary>
public static class ServeCommand
{
    public static Command Create()
    {
        var port = new Option<int>("--port") { Description = "Port on 127.0.0.1 (default 7071; 0 picks a free one).", DefaultValueFactory = _ => 7071 };
        var allowPrivate = new Option<bool>("--allow-private") { Description = "Allow 127.0.0.1 and private-network targets (local use only)." };
        var data = LocalSetup.DataOption();
        var command = new Command("serve", "Serve the HTTP API locally (Azurite, the Fly stand-in and the worker start with it).") { port, allowPrivate, data };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var console = AnsiConsole.Console;
            var options = LocalSetup.Options(console, parse.GetValue(allowPrivate), parse.GetValue(data));
            if (options is null)
            {
                return ExitCodes.BadInput;
            }

            await using var cloud = await LocalSetup.StartAsync(console, options with { Port = parse.GetValue(port), RunMonitors = true }, cancellationToken);
            if (cloud is null)
            {
                return ExitCodes.BadInput;
            }

            console.MarkupLine($"API           {cloud.BaseUrl}{ApiRoutes.Prefix}/{ApiRoutes.Audits}");
            console.MarkupLine($"Monitors      {cloud.BaseUrl}{ApiRoutes.Prefix}/monitors (the scheduler ticks every minute)");
            console.MarkupLine($"OpenAPI       {cloud.BaseUrl}{ApiRoutes.Prefix}/{ApiRoutes.OpenApi}");
            console.MarkupLine($"Report pages  {cloud.BaseUrl}reports/{{auditId}}");
            console.MarkupLine($"Demo page     {new Uri(cloud.BaseUrl, DemoPage.Path)}");
            await LocalSetup.UntilStoppedAsync(console, cancellationToken);

            return ExitCodes.Completed;
        });
        return command;
    }
}

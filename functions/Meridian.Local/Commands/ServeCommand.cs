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
            console.MarkupLine(options.AllowPrivateTargets
                ? $"Demo page     {new Uri(cloud.BaseUrl, DemoPage.Path)}"
                : $"Demo page     {new Uri(cloud.BaseUrl, DemoPage.Path)} (to audit it, serve with --allow-private: it is on 127.0.0.1)");
            await LocalSetup.UntilStoppedAsync(console, cancellationToken);
            console.MarkupLine("Stopping: no new work is taken; audits still running resume when serve starts again on this data folder.");

            return ExitCodes.Completed;
        });
        return command;
    }
}

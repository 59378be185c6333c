using System.CommandLine;
using Meridian.Core.Http;
using Meridian.Local.FunctionsHost;
using Meridian.Local.Hosting;
using Spectre.Console;

namespace Meridian.Local.Commands;

/// <summary>
/// <c>functions [--port 7071] [--env Development]</c>: the Functions app itself on an Azure Functions host
/// (Core Tools' <c>func</c>, or the host <c>MERIDIAN_FUNCTIONS_HOST</c> names), with Azurite and the Fly
/// stand-in started beside it, until Ctrl+C.
/// </summary>
public static class FunctionsCommand
{
    public static Command Create()
    {
        var port = new Option<int>("--port") { Description = "Port on 127.0.0.1 (default 7071; 0 picks a free one).", DefaultValueFactory = _ => 7071 };
        var environment = new Option<string>("--env") { Description = "AZURE_FUNCTIONS_ENVIRONMENT (default Development, as func start).", DefaultValueFactory = _ => "Development" };
        environment.AcceptOnlyFromAmong("Development", "Production");
        var allowPrivate = new Option<bool>("--allow-private") { Description = "Allow 127.0.0.1 and private-network targets (local use only)." };
        var data = new Option<string?>("--data") { Description = "Folder for Azurite's data, the app's copy and its local.settings.json (default: .meridian/functions in the clone)." };
        var command = new Command("functions", "Run the Functions app on an Azure Functions host (Azurite and the Fly stand-in start with it).") { port, environment, allowPrivate, data };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var console = AnsiConsole.Console;
            var local = LocalSetup.Options(console, parse.GetValue(allowPrivate));
            if (local is null)
            {
                return ExitCodes.BadInput;
            }

            FunctionsHostInstallation host;
            try
            {
                host = FunctionsHostInstallation.Require();
            }
            catch (FunctionsHostNotFoundException missing)
            {
                console.MarkupLine($"[red]Missing:[/] {Markup.Escape(missing.Message)}");
                return ExitCodes.BadInput;
            }

            var options = new FunctionsCloudOptions
            {
                Host = host,
                AppBuildOutput = FunctionsAppBuild.OutputDirectory,
                NodeModulesDirectory = local.NodeModulesDirectory,
                DataDirectory = parse.GetValue(data) is { } folder ? Path.GetFullPath(folder) : Path.Combine(local.DataDirectory, "functions"),
                EnvironmentName = parse.GetValue(environment)!,
                Port = parse.GetValue(port),
                AllowPrivateTargets = local.AllowPrivateTargets,
            };

            FunctionsCloud? cloud = null;
            try
            {
                await console.Status().StartAsync("Starting", async status =>
                    cloud = await FunctionsCloud.StartAsync(options, step => status.Status(step), cancellationToken));
            }
            catch (Exception error) when (error is DataFolderInUseException or FunctionsHostStartException)
            {
                console.MarkupLine($"[red]{Markup.Escape(error.Message)}[/]");
                return ExitCodes.BadInput;
            }

            await using (cloud)
            {
                var key = await cloud!.Host.GetFunctionKeyAsync(cancellationToken);
                console.MarkupLine($"Functions host  {Markup.Escape(host.Executable)} ({options.EnvironmentName})");
                console.MarkupLine($"API             {cloud.BaseUrl}{ApiRoutes.Prefix}/{ApiRoutes.Audits}");
                console.MarkupLine($"OpenAPI         {cloud.BaseUrl}{ApiRoutes.Prefix}/{ApiRoutes.OpenApi}");
                console.MarkupLine($"Function key    send it as the x-functions-key header: {Markup.Escape(key)}");
                await LocalSetup.UntilStoppedAsync(console, cancellationToken);
            }

            return ExitCodes.Completed;
        });
        return command;
    }
}

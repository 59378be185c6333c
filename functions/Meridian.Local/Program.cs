using System.CommandLine;
using Meridian.Local.Commands;
using Spectre.Console;

// The local host: Meridian end to end on one machine (Azurite, the Fly stand-in, the worker, the
// real Durable engine on Azurite, the HTTP API). See README.md, "Run an audit locally".
var root = new RootCommand("Meridian on this machine: audit a page from several regions, or serve the API.")
{
    AuditCommand.Create(),
    ServeCommand.Create(),
    FunctionsCommand.Create(),
};

// To a file or a pipe, lines are not wrapped at 80 columns: paths and URLs stay whole for scripts.
if (Console.IsOutputRedirected)
{
    AnsiConsole.Profile.Width = 1000;
}

// Ctrl+C and SIGTERM are handled here, not by System.CommandLine (which would exit a fixed time after
// the signal): the command stops the engine, the machines and Azurite in order, then exits 130 or 143.
using var signals = new StopSignals();
var exitCode = await root.Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null }, signals.Token);
return signals.Received is { } signal ? StopSignals.ExitCode(signal) : exitCode;

using System.CommandLine;
using Meridian.Local.Commands;

// The local host: Meridian end to end on one machine (Azurite, the Fly stand-in, the worker, the
// real Durable engine on Azurite, the HTTP API). See README.md, "Run an audit locally".
var root = new RootCommand("Meridian on this machine: audit a page from several regions, or serve the API.")
{
    AuditCommand.Create(),
    ServeCommand.Create(),
    FunctionsCommand.Create(),
};

// On Ctrl+C or SIGTERM the command stops the engine, the machines and Azurite, which takes a few
// seconds (Azurite saves its data); System.CommandLine would otherwise exit after 2.
return await root.Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromSeconds(30) });

using System.CommandLine;
using Meridian.Local.Commands;

// The local host: Meridian end to end on one machine (Azurite, the Fly stand-in, the worker, the
// in-process orchestration runner, the HTTP API). See README.md, "Run an audit locally".
var root = new RootCommand("Meridian on this machine: audit a page from several regions, or serve the API.")
{
    AuditCommand.Create(),
    ServeCommand.Create(),
};

return await root.Parse(args).InvokeAsync();

using System.Collections;
using System.Runtime.InteropServices;
using Meridian.Worker;

// Fly stops a machine with SIGTERM (then SIGKILL after the stop timeout): stop measuring, still deliver.
using var stopping = new CancellationTokenSource();
using var onTerm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
{
    context.Cancel = true;
    stopping.Cancel();
});
using var onInt = PosixSignalRegistration.Create(PosixSignal.SIGINT, context =>
{
    context.Cancel = true;
    stopping.Cancel();
});

var environment = Environment.GetEnvironmentVariables()
    .Cast<DictionaryEntry>()
    .ToDictionary(entry => (string)entry.Key, entry => (string?)entry.Value, StringComparer.Ordinal);

using var loggers = WorkerLogging.CreateConsole();
return await WorkerApp.RunAsync(environment, loggers, stopping.Token);

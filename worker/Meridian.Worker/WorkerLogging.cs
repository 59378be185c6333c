using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace Meridian.Worker;

/// <summary>One UTC-stamped line per event on stdout: what a person follows in <c>fly logs</c>.</summary>
public static class WorkerLogging
{
    public static ILoggerFactory CreateConsole() => LoggerFactory.Create(logging => logging
        .SetMinimumLevel(LogLevel.Information)
        .AddFilter("System.Net.Http", LogLevel.Warning)
        .AddSimpleConsole(console =>
        {
            console.SingleLine = true;
            console.UseUtcTimestamp = true;
            console.TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss'Z' ";
            console.ColorBehavior = LoggerColorBehavior.Disabled;
            console.IncludeScopes = false;
        }));
}

using Microsoft.Extensions.Logging;

namespace Meridian.Testing.Orchestration;

/// <summary>
/// The Azure Storage engine's own log (DurableTask.Core and DurableTask.AzureStorage), written to the file
/// that <c>MERIDIAN_TEST_ENGINE_LOG</c> names, for when a scenario does something unexplained. Off by default.
/// One writer for the whole test process: the engines of test classes running side by side share the file.
/// </summary>
internal sealed class EngineFileLog : ILoggerProvider
{
    public const string Variable = "MERIDIAN_TEST_ENGINE_LOG";

    private static readonly Lazy<StreamWriter?> Writer = new(() =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } path
            ? new StreamWriter(new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite)) { AutoFlush = true }
            : null);

    private static readonly Lock Gate = new();

    private readonly string source;

    private EngineFileLog(string source) => this.source = source;

    /// <summary>A provider naming <paramref name="source"/> (the engine's task hub) on each line, or null when the variable is not set.</summary>
    public static EngineFileLog? FromEnvironment(string source) => Writer.Value is null ? null : new EngineFileLog(source);

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
        // The writer outlives every engine: it is the process's, flushed on each line.
    }

    private void Write(string category, LogLevel level, string message)
    {
        lock (Gate)
        {
            Writer.Value!.WriteLine($"{DateTime.UtcNow:HH:mm:ss.fff} {level,-11} [{source}] {category}: {message}");
        }
    }

    private sealed class Logger(EngineFileLog log, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                log.Write(category, logLevel, formatter(state, exception) + (exception is null ? string.Empty : $" {exception.GetType().Name}: {exception.Message}"));
            }
        }
    }
}

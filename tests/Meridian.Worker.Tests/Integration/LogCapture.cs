using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace Meridian.Worker.Tests.Integration;

/// <summary>A logger factory whose every line the test can read, formatted as the console shows it.</summary>
public sealed class LogCapture : IDisposable
{
    private readonly FakeLogCollector collector = new();

    public LogCapture() => Factory = LoggerFactory.Create(logging => logging
        .SetMinimumLevel(LogLevel.Debug)
        .AddProvider(new FakeLoggerProvider(collector)));

    public ILoggerFactory Factory { get; }

    public IReadOnlyList<string> Lines => [.. collector.GetSnapshot().Select(record => $"{record.Level}: {record.Message}")];

    public string Text => string.Join('\n', Lines);

    public void Dispose() => Factory.Dispose();
}

using System.Collections.Concurrent;
using Meridian.Local.FlyStandIn;
using Meridian.Integration.Tests.Monitors.Api;
using Microsoft.Extensions.Logging;

namespace Meridian.Integration.Tests.FlyStandIn;

public sealed class MachineLoggingTests
{
    [Fact]
    public async Task Machine_transitions_and_output_reach_the_configured_logging_but_the_token_never_does()
    {
        using var provider = new CollectingLoggerProvider();
        var defaults = StandInApi.Options();
        var options = new FlyStandInOptions
        {
            ApiToken = defaults.ApiToken,
            AppName = defaults.AppName,
            Images = defaults.Images,
            ConfigureLogging = logging => logging.AddProvider(provider).SetMinimumLevel(LogLevel.Debug),
        };
        await using (var server = await FlyStandInServer.StartAsync(options))
        {
            using var api = new StandInApi(server);
            var machine = await api.CreateAsync(StandInApi.Request(TestImages.ExitSeven, region: "ams"));
            await api.WaitAsync(machine.Id, "stopped");

            Assert.Contains(provider.Messages, m => m.Contains(machine.Id, StringComparison.Ordinal) && m.Contains("about to fail", StringComparison.Ordinal));
            Assert.Contains(provider.Messages, m => m.Contains(machine.Id, StringComparison.Ordinal) && m.Contains("exited with code 7", StringComparison.Ordinal));
        }

        Assert.DoesNotContain(provider.Messages, m => m.Contains(StandInApi.Token, StringComparison.Ordinal));
    }

    private sealed class CollectingLoggerProvider : ILoggerProvider
    {
        public ConcurrentQueue<string> Messages { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Collector(Messages);

        public void Dispose()
        {
        }

        private sealed class Collector(ConcurrentQueue<string> messages) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                messages.Enqueue(formatter(state, exception));
        }
    }
}

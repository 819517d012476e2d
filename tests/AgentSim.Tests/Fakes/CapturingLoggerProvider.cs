using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Smp.AgentSim.Tests.Fakes;

/// <summary>Keeps every record of every level, in order, for tests that read the log.</summary>
internal sealed class CapturingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<CapturedLog> records = new();

    public IReadOnlyList<CapturedLog> Records => records.ToArray();

    /// <summary>A factory with this provider only, every level enabled.</summary>
    public ILoggerFactory CreateFactory() => LoggerFactory.Create(builder => builder.SetMinimumLevel(LogLevel.Trace).AddProvider(this));

    public ILogger CreateLogger(string categoryName) => new CapturingLogger(categoryName, records);

    public void Dispose()
    {
    }

    private sealed class CapturingLogger(string category, ConcurrentQueue<CapturedLog> records) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            KeyValuePair<string, object?>[] values = state is IEnumerable<KeyValuePair<string, object?>> pairs ? pairs.ToArray() : [];
            records.Enqueue(new CapturedLog(category, logLevel, eventId.Id, formatter(state, exception), values));
        }
    }
}

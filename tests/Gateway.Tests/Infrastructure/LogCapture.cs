using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Smp.Gateway.Tests.Infrastructure;

/// <summary>
/// A logger provider that keeps every record the host's filters let through: category, level, event id,
/// the formatted message and each structured value, as an administrator's log pipeline would receive them.
/// </summary>
internal sealed class LogCapture : ILoggerProvider
{
    private readonly ConcurrentQueue<Record> _records = new();

    public IReadOnlyList<Record> Records => _records.ToArray();

    public IReadOnlyList<Record> In(string category) => Records.Where(r => r.Category == category).ToList();

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _records);

    public void Dispose()
    {
    }

    internal sealed record Record(string Category, LogLevel Level, int EventId, string Message, IReadOnlyDictionary<string, string?> Values)
    {
        public string? this[string name] => Values.TryGetValue(name, out var value) ? value : null;

        /// <summary>Everything the record carries, for searching it for text that must never be logged.</summary>
        public string AllText => Message + "\n" + string.Join("\n", Values.Values);
    }

    private sealed class Logger(string category, ConcurrentQueue<Record> records) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = new Dictionary<string, string?>();
            if (state is IEnumerable<KeyValuePair<string, object?>> pairs)
            {
                foreach (var (key, value) in pairs)
                {
                    values[key] = Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture);
                }
            }

            records.Enqueue(new Record(category, logLevel, eventId.Id, formatter(state, exception), values));
        }
    }
}

using System.Collections.Concurrent;

namespace Smp.AgentSim.Tests.Fakes;

/// <summary>Keeps every record of every level, in order, for tests that read the log.</summary>
internal sealed class CapturingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<CapturedLog> _records = new();

    public IReadOnlyList<CapturedLog> Records => _records.ToArray();

    public IReadOnlyList<CapturedLog> In(string category) => Records.Where(r => r.Category == category).ToList();

    /// <summary>A factory with this provider only, every level enabled.</summary>
    public ILoggerFactory CreateFactory() => LoggerFactory.Create(builder => builder.SetMinimumLevel(LogLevel.Trace).AddProvider(this));

    /// <summary>No record's message or structured value contains any of <paramref name="secrets"/>.</summary>
    public static void AssertNoCredential(IReadOnlyList<CapturedLog> records, IReadOnlyList<string> secrets)
    {
        Assert.NotEmpty(records);
        Assert.All(secrets, secret => Assert.True(secret.Length >= 16, "a secret too short to search for"));
        foreach (CapturedLog record in records)
        {
            IEnumerable<string> texts = record.State.Select(pair => Convert.ToString(pair.Value) ?? "").Append(record.Message);
            foreach (string text in texts)
            {
                // The message names the record, not the secret: a failing run prints no credential either.
                Assert.False(secrets.Any(secret => text.Contains(secret, StringComparison.Ordinal)),
                    $"record {record.Category}[{record.EventId}] holds a token, a proof, a signature or a secret");
            }
        }
    }

    public ILogger CreateLogger(string categoryName) => new CapturingLogger(categoryName, _records);

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

using System.Diagnostics;
using Smp.Gateway.Agents;
using Smp.Gateway.Diagnostics;
using Smp.Gateway.State;

namespace Smp.Gateway.Insight;

/// <summary>
/// Writes what <see cref="ActivityRecorder"/> gathered to the store once per <see cref="Period"/> (a timer of the injected
/// clock) and once more on stop; a write the store refused is kept for the next. At the Issuer it also counts the agents by
/// state for the metrics, every <see cref="StateCountPeriod"/>.
/// </summary>
internal sealed class ActivityFlush(
    ActivityRecorder recorder, IActivityStore store, GatewayMetrics metrics, TimeProvider time, ILoggerFactory loggers, IAgentDirectory? directory = null)
    : IHostedService, IAsyncDisposable
{
    public static readonly TimeSpan Period = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan StateCountPeriod = TimeSpan.FromMinutes(10);

    private readonly ILogger _logger = loggers.CreateLogger(LogCategories.Insight);
    private readonly SemaphoreSlim _flushing = new(1, 1);
    private IReadOnlyDictionary<string, long> _byState = new Dictionary<string, long>();
    private long _nextStateCount;
    private ITimer? _timer;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        metrics.ObserveInsight(() => _byState, recorder.AccSourcesActive);
        _timer = time.CreateTimer(_ => _ = FlushAsync(CancellationToken.None), null, Period, Period);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _timer?.Dispose();
        await FlushAsync(cancellationToken);
    }

    /// <summary>Writes what changed since the last flush; one at a time.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        await _flushing.WaitAsync(cancellationToken);
        try
        {
            var batch = recorder.Take();
            if (!batch.IsEmpty)
            {
                long started = Stopwatch.GetTimestamp();
                try
                {
                    await store.WriteAsync(batch, cancellationToken);
                    GatewayLog.ActivityFlushed(_logger, batch.Agents.Count, batch.AccSources.Count, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                }
                catch (Exception e) when (e is StateUnavailableException or Microsoft.Data.Sqlite.SqliteException or OperationCanceledException)
                {
                    recorder.Restore(batch);
                    GatewayLog.ActivityFlushFailed(_logger, e.Message);
                }
            }

            await CountStatesAsync(cancellationToken);
        }
        finally
        {
            _flushing.Release();
        }
    }

    public ValueTask DisposeAsync()
    {
        _timer?.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task CountStatesAsync(CancellationToken cancellationToken)
    {
        long now = time.GetTimestamp();
        if (directory is null || now < _nextStateCount)
        {
            return;
        }

        _nextStateCount = now + (long)(StateCountPeriod.TotalSeconds * time.TimestampFrequency);
        try
        {
            var agents = await directory.ListAsync(cancellationToken);
            _byState = agents.GroupBy(a => a.Status.ToString()).ToDictionary(g => g.Key, g => (long)g.Count());
        }
        catch (Exception e) when (e is StateUnavailableException or Microsoft.Data.Sqlite.SqliteException)
        {
            GatewayLog.ActivityFlushFailed(_logger, e.Message);
        }
    }
}

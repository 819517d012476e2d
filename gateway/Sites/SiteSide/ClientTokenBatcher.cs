using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using Smp.Gateway.Configuration;
using Smp.Gateway.Diagnostics;
using Smp.Gateway.Tokens;

namespace Smp.Gateway.Sites.SiteSide;

/// <summary>
/// Turns hellos that need a token into few client-tokens calls (§10). Concurrent hellos for the same
/// agent and uid share one pending answer; distinct ones join a batch that leaves when it holds 128,
/// when no hello joined it for <c>BatchDelay</c> while no call is in flight, or <c>BatchMaxDelay</c> after its first; at most
/// <c>MaxConcurrentCalls</c> batches are in flight, and while they are, the next batch keeps filling.
/// </summary>
internal sealed class ClientTokenBatcher : BackgroundService
{
    /// <summary>Beyond this many hellos waiting, new ones get 503 at once instead of a longer queue.</summary>
    public const int MaxPending = 65_536;

    private static readonly TokenGrant Unavailable = TokenGrant.Refused(503, SiteError.IssuerUnavailable);

    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ConcurrentDictionary<(string, string), Pending> _pending = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly ClientTokenFetcher _fetcher;
    private readonly IOptionsMonitor<GatewayOptions> _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _calls;
    private readonly int _maxCalls;

    public ClientTokenBatcher(ClientTokenFetcher fetcher, IOptionsMonitor<GatewayOptions> options, TimeProvider time, ILoggerFactory loggers)
    {
        _fetcher = fetcher;
        _options = options;
        _time = time;
        _logger = loggers.CreateLogger(LogCategories.TokenCache);
        _maxCalls = options.CurrentValue.Site.MaxConcurrentCalls;
        _calls = new SemaphoreSlim(_maxCalls);
    }

    public Task<TokenGrant> GetAsync(string agentId, string uid)
    {
        var key = (agentId, uid);
        if (_pending.TryGetValue(key, out var shared))
        {
            return shared.Answer.Task;
        }

        if (_pending.Count >= MaxPending)
        {
            return Task.FromResult(Unavailable);
        }

        var created = new Pending(key);
        var pending = _pending.GetOrAdd(key, created);
        if (ReferenceEquals(pending, created))
        {
            _queue.Writer.TryWrite(created);
        }

        return pending.Answer.Task;
    }

    /// <summary>The batching loop, started with the host (not by the constructor): hellos queue until it runs.</summary>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await using var stopping = stoppingToken.Register(_stop.Cancel);
        await RunAsync();
    }

    public override void Dispose()
    {
        _queue.Writer.TryComplete();
        _stop.Cancel();
        foreach (var pending in _pending.Values)
        {
            pending.Answer.TrySetResult(Unavailable);
        }

        base.Dispose();
    }

    private async Task RunAsync()
    {
        var reader = _queue.Reader;
        var batch = new List<Pending>(SiteOptions.MaxBatch);
        try
        {
            while (await reader.WaitToReadAsync(_stop.Token))
            {
                var site = _options.CurrentValue.Site;
                long first = _time.GetTimestamp();
                while (batch.Count < SiteOptions.MaxBatch)
                {
                    if (reader.TryRead(out var next))
                    {
                        batch.Add(next);
                        continue;
                    }

                    // A quiet moment ends the batch only when no call is in flight: during a burst the
                    // Issuer is busy with earlier batches anyway, so waiting costs no latency and a
                    // scheduling hiccup on a loaded host does not cut the burst into small calls.
                    var left = site.BatchMaxDelay - _time.GetElapsedTime(first);
                    if (left <= TimeSpan.Zero
                        || (!await WaitForMoreAsync(reader, Min(site.BatchDelay, left)) && (site.BatchDelay == TimeSpan.Zero || InFlight == 0)))
                    {
                        break;
                    }
                }

                await _calls.WaitAsync(_stop.Token);
                var sending = batch.ToArray();
                batch.Clear();
                _ = Task.Run(() => SendAsync(sending));
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
    }

    private async Task<bool> WaitForMoreAsync(ChannelReader<Pending> reader, TimeSpan wait)
    {
        using var timeout = new CancellationTokenSource(wait, _time);
        using var either = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, _stop.Token);
        try
        {
            return await reader.WaitToReadAsync(either.Token);
        }
        catch (OperationCanceledException) when (!_stop.IsCancellationRequested)
        {
            return false;
        }
    }

    private async Task SendAsync(Pending[] batch)
    {
        try
        {
            var grants = await _fetcher.FetchAsync(batch.Select(p => p.Key).ToArray(), _stop.Token);
            foreach (var pending in batch)
            {
                pending.Answer.TrySetResult(grants.TryGetValue(pending.Key, out var grant) ? grant : Unavailable);
            }
        }
        catch (Exception e)
        {
            // Whatever went wrong, no hello may wait for ever: every one of the batch gets its 503.
            GatewayLog.IssuerUnavailable(_logger, $"client-tokens for {batch.Length} hellos: {e.Message}");
            foreach (var pending in batch)
            {
                pending.Answer.TrySetResult(Unavailable);
            }
        }
        finally
        {
            foreach (var pending in batch)
            {
                _pending.TryRemove(new KeyValuePair<(string, string), Pending>(pending.Key, pending));
            }

            _calls.Release();
        }
    }

    private int InFlight => _maxCalls - _calls.CurrentCount;

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private sealed class Pending((string Agent, string Uid) key)
    {
        public (string Agent, string Uid) Key { get; } = key;

        public TaskCompletionSource<TokenGrant> Answer { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
